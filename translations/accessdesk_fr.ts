<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>ActivityLog</name>
    <message>
        <source>Cannot record the action: %1</source>
        <translation>Impossible d&apos;enregistrer l&apos;action&#xa0;: %1</translation>
    </message>
    <message>
        <source>An action can only complete as succeeded, failed or unknown.</source>
        <translation>Une action ne peut se terminer que comme réussie, échouée ou inconnue.</translation>
    </message>
    <message>
        <source>Cannot record the outcome: %1</source>
        <translation>Impossible d&apos;enregistrer le résultat&#xa0;: %1</translation>
    </message>
    <message>
        <source>Activity %1 is unknown or already complete.</source>
        <translation>L&apos;activité %1 est inconnue ou déjà terminée.</translation>
    </message>
    <message>
        <source>Cannot update interrupted actions: %1</source>
        <translation>Impossible de mettre à jour les actions interrompues&#xa0;: %1</translation>
    </message>
    <message>
        <source>Cannot read the activity log: %1</source>
        <translation>Impossible de lire le journal d&apos;activité&#xa0;: %1</translation>
    </message>
    <message>
        <source>Cannot record the actions: %1</source>
        <translation>Impossible d&apos;enregistrer les actions&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>AdminChangeNote</name>
    <message>
        <source>Sending the change…</source>
        <translation>Envoi de la modification…</translation>
    </message>
</context>
<context>
    <name>AdminListState</name>
    <message>
        <source>You are not an administrator of this server, so it does not show you this list. Ask a Jira administrator if you need it.</source>
        <translation>Vous n&apos;êtes pas administrateur de ce serveur, il ne vous montre donc pas cette liste. Demandez-la à un administrateur Jira si vous en avez besoin.</translation>
    </message>
    <message>
        <source>The server wants your password again before it shows administration data (a secure administrator session). Connect again with your password, then press Refresh.</source>
        <translation>Le serveur redemande votre mot de passe avant d&apos;afficher des données d&apos;administration (session d&apos;administration sécurisée). Reconnectez-vous avec votre mot de passe, puis cliquez sur Actualiser.</translation>
    </message>
    <message>
        <source>The server could not be reached; you may be offline. Press Refresh when the connection is back.</source>
        <translation>Le serveur est injoignable&#xa0;; vous êtes peut-être hors ligne. Cliquez sur Actualiser quand la connexion sera rétablie.</translation>
    </message>
    <message>
        <source>The server is limiting requests right now. Press Refresh in 1 second.</source>
        <translation>Le serveur limite actuellement les requêtes. Cliquez sur Actualiser dans 1 seconde.</translation>
    </message>
    <message>
        <source>The server is limiting requests right now. Press Refresh in %1 seconds.</source>
        <translation>Le serveur limite actuellement les requêtes. Cliquez sur Actualiser dans %1 secondes.</translation>
    </message>
    <message>
        <source>The server is limiting requests right now. Press Refresh in a moment.</source>
        <translation>Le serveur limite actuellement les requêtes. Cliquez sur Actualiser dans un instant.</translation>
    </message>
    <message>
        <source>This server has no OAuth 2.0 clients to manage (Jira 8.22 or later has them).</source>
        <translation>Ce serveur n&apos;a aucun client OAuth 2.0 à gérer (ils existent à partir de Jira 8.22).</translation>
    </message>
    <message>
        <source>This server has no personal access tokens (Jira 8.14 or later has them).</source>
        <translation>Ce serveur n&apos;a pas de jetons d&apos;accès personnels (ils existent à partir de Jira 8.14).</translation>
    </message>
    <message>
        <source>The list shown is from %1.</source>
        <translation>La liste affichée a été chargée à %1.</translation>
    </message>
</context>
<context>
    <name>AdminOutcome</name>
    <message>
        <source>Check the server address and the network, then try again.</source>
        <translation>Vérifiez l&apos;adresse du serveur et le réseau, puis réessayez.</translation>
    </message>
    <message>
        <source>Check the server&apos;s certificate; trust it for this server only if you know it is the right one.</source>
        <translation>Vérifiez le certificat du serveur&#xa0;; ne lui faites confiance pour ce serveur que si vous savez que c&apos;est le bon.</translation>
    </message>
    <message>
        <source>Sign in again as a Jira administrator.</source>
        <translation>Reconnectez-vous en tant qu&apos;administrateur Jira.</translation>
    </message>
    <message>
        <source>Confirm your password when asked, then try again.</source>
        <translation>Confirmez votre mot de passe lorsqu&apos;il vous est demandé, puis réessayez.</translation>
    </message>
    <message>
        <source>Ask a Jira system administrator to do this, or to give you the rights.</source>
        <translation>Demandez à un administrateur système Jira de le faire, ou de vous en donner les droits.</translation>
    </message>
    <message>
        <source>Wait a moment, then try again.</source>
        <translation>Patientez un instant, puis réessayez.</translation>
    </message>
    <message>
        <source>Try again later. If it keeps failing, Jira&apos;s log says why.</source>
        <translation>Réessayez plus tard. Si l&apos;échec persiste, le journal de Jira en indique la raison.</translation>
    </message>
    <message>
        <source>Check that the server address is Jira&apos;s base URL, with no proxy or login page in between.</source>
        <translation>Vérifiez que l&apos;adresse du serveur est l&apos;URL de base de Jira, sans proxy ni page de connexion entre les deux.</translation>
    </message>
    <message>
        <source>Correct the fields named and send it again.</source>
        <translation>Corrigez les champs indiqués et renvoyez la demande.</translation>
    </message>
    <message>
        <source>Nothing was sent: the activity log could not record the change (%1).</source>
        <translation>Rien n&apos;a été envoyé&#xa0;: le journal d&apos;activité n&apos;a pas pu enregistrer la modification (%1).</translation>
    </message>
    <message>
        <source>Check that the disk is not full and the activity log is writable, then try again.</source>
        <translation>Vérifiez que le disque n&apos;est pas plein et que le journal d&apos;activité est accessible en écriture, puis réessayez.</translation>
    </message>
</context>
<context>
    <name>AdminRows</name>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Primary</source>
        <translation>Principal</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Système</translation>
    </message>
    <message>
        <source>Incoming OAuth</source>
        <translation>OAuth entrant</translation>
    </message>
    <message>
        <source>Outgoing OAuth</source>
        <translation>OAuth sortant</translation>
    </message>
    <message>
        <source>Display URL</source>
        <translation>URL d&apos;affichage</translation>
    </message>
    <message>
        <source>Application URL</source>
        <translation>URL de l&apos;application</translation>
    </message>
    <message>
        <source>Application link</source>
        <translation>Lien d&apos;application</translation>
    </message>
    <message>
        <source>Consumer key</source>
        <translation>Clé du consommateur</translation>
    </message>
    <message>
        <source>Callback</source>
        <translation>Rappel</translation>
    </message>
    <message>
        <source>Public key (SHA-256)</source>
        <translation>Clé publique (SHA-256)</translation>
    </message>
    <message>
        <source>2-legged OAuth</source>
        <translation>OAuth à 2 acteurs (2-legged)</translation>
    </message>
    <message>
        <source>Client ID</source>
        <translation>ID client</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Portée</translation>
    </message>
    <message>
        <source>Redirect URIs</source>
        <translation>URI de redirection</translation>
    </message>
    <message>
        <source>Jira</source>
        <translation>Jira</translation>
    </message>
    <message>
        <source>Confluence</source>
        <translation>Confluence</translation>
    </message>
    <message>
        <source>Bamboo</source>
        <translation>Bamboo</translation>
    </message>
    <message>
        <source>Bitbucket</source>
        <translation>Bitbucket</translation>
    </message>
    <message>
        <source>Fisheye / Crucible</source>
        <translation>Fisheye / Crucible</translation>
    </message>
    <message>
        <source>Crowd</source>
        <translation>Crowd</translation>
    </message>
    <message>
        <source>Reference application</source>
        <translation>Application de référence</translation>
    </message>
    <message>
        <source>Generic application</source>
        <translation>Application générique</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>Fonctionne</translation>
    </message>
    <message>
        <source>Not checked (not Atlassian)</source>
        <translation>Non vérifié (pas Atlassian)</translation>
    </message>
    <message>
        <source>System link</source>
        <translation>Lien système</translation>
    </message>
    <message>
        <source>OAuth turned off</source>
        <translation>OAuth désactivé</translation>
    </message>
    <message>
        <source>Outdated set-up (%1)</source>
        <translation>Configuration obsolète (%1)</translation>
    </message>
    <message>
        <source>Cannot reach it (%1)</source>
        <translation>Injoignable (%1)</translation>
    </message>
    <message>
        <source>Access refused (%1)</source>
        <translation>Accès refusé (%1)</translation>
    </message>
    <message>
        <source>Not working (%1)</source>
        <translation>Ne fonctionne pas (%1)</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Désactivé</translation>
    </message>
    <message>
        <source>OAuth with impersonation</source>
        <translation>OAuth avec emprunt d&apos;identité</translation>
    </message>
    <message>
        <source>OAuth</source>
        <translation>OAuth</translation>
    </message>
    <message>
        <source>OAuth (3-legged only)</source>
        <translation>OAuth (3 acteurs uniquement)</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Vérification…</translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation>Non vérifié</translation>
    </message>
    <message>
        <source>Could not check</source>
        <translation>Vérification impossible</translation>
    </message>
    <message>
        <source>Health: being checked now…</source>
        <translation>État&#xa0;: vérification en cours…</translation>
    </message>
    <message>
        <source>Health: not checked yet. Press Check to ask Jira.</source>
        <translation>État&#xa0;: pas encore vérifié. Cliquez sur Vérifier pour interroger Jira.</translation>
    </message>
    <message>
        <source>Health: %1</source>
        <translation>État&#xa0;: %1</translation>
    </message>
    <message>
        <source>What to do: %1</source>
        <translation>Que faire&#xa0;: %1</translation>
    </message>
    <message>
        <source>Jira reports: %1</source>
        <translation>Jira signale&#xa0;: %1</translation>
    </message>
    <message>
        <source>Jira reports: %1 (%2)</source>
        <translation>Jira signale&#xa0;: %1 (%2)</translation>
    </message>
    <message>
        <source>Checked at %1.</source>
        <translation>Vérifié à %1.</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <source>Type: %1</source>
        <translation>Type&#xa0;: %1</translation>
    </message>
    <message>
        <source>Display URL: %1</source>
        <translation>URL d&apos;affichage&#xa0;: %1</translation>
    </message>
    <message>
        <source>Application URL: %1</source>
        <translation>URL de l&apos;application&#xa0;: %1</translation>
    </message>
    <message>
        <source>Primary link to %1: %2</source>
        <translation>Lien principal vers %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <source>System link: the application manages it, so it cannot be edited, moved or deleted here.</source>
        <translation>Lien système&#xa0;: l&apos;application le gère, il ne peut donc pas être modifié, déplacé ni supprimé ici.</translation>
    </message>
    <message>
        <source>Incoming OAuth: %1</source>
        <translation>OAuth entrant&#xa0;: %1</translation>
    </message>
    <message>
        <source>Outgoing OAuth: %1</source>
        <translation>OAuth sortant&#xa0;: %1</translation>
    </message>
    <message>
        <source>OAuth: could not be read (%1)</source>
        <translation>OAuth&#xa0;: lecture impossible (%1)</translation>
    </message>
    <message>
        <source>Link ID: %1</source>
        <translation>ID du lien&#xa0;: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>illisible</translation>
    </message>
    <message>
        <source>yes, with impersonation</source>
        <translation>oui, avec emprunt d&apos;identité</translation>
    </message>
    <message>
        <source>yes, as %1</source>
        <translation>oui, en tant que %1</translation>
    </message>
    <message>
        <source>Consumer key: %1</source>
        <translation>Clé du consommateur&#xa0;: %1</translation>
    </message>
    <message>
        <source>Description: %1</source>
        <translation>Description&#xa0;: %1</translation>
    </message>
    <message>
        <source>Application link: %1</source>
        <translation>Lien d&apos;application&#xa0;: %1</translation>
    </message>
    <message>
        <source>Callback: %1</source>
        <translation>Rappel&#xa0;: %1</translation>
    </message>
    <message>
        <source>none (users copy a verification code)</source>
        <translation>aucun (les utilisateurs copient un code de vérification)</translation>
    </message>
    <message>
        <source>Public key: RSA, %1 bits</source>
        <translation>Clé publique&#xa0;: RSA, %1 bits</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint: %1</source>
        <translation>Empreinte SHA-256&#xa0;: %1</translation>
    </message>
    <message>
        <source>Public key: none</source>
        <translation>Clé publique&#xa0;: aucune</translation>
    </message>
    <message>
        <source>Public key: one AccessDesk cannot read (starts %1…)</source>
        <translation>Clé publique&#xa0;: une clé qu&apos;AccessDesk ne sait pas lire (commence par %1…)</translation>
    </message>
    <message>
        <source>Signature method: %1</source>
        <translation>Méthode de signature&#xa0;: %1</translation>
    </message>
    <message>
        <source>2-legged OAuth: %1</source>
        <translation>OAuth à 2 acteurs&#xa0;: %1</translation>
    </message>
    <message>
        <source>If you remove it, every token users gave it stops working at once.</source>
        <translation>Si vous le supprimez, tous les jetons que les utilisateurs lui ont accordés cessent immédiatement de fonctionner.</translation>
    </message>
    <message>
        <source>Client ID: %1</source>
        <translation>ID client&#xa0;: %1</translation>
    </message>
    <message>
        <source>Scope: %1</source>
        <translation>Portée&#xa0;: %1</translation>
    </message>
    <message>
        <source>Redirect URIs:</source>
        <translation>URI de redirection&#xa0;:</translation>
    </message>
    <message>
        <source>Created by user key: %1</source>
        <translation>Créé par la clé utilisateur&#xa0;: %1</translation>
    </message>
    <message>
        <source>The client secret is not shown here.</source>
        <translation>Le secret client n&apos;est pas affiché ici.</translation>
    </message>
</context>
<context>
    <name>AdminTokenErrors</name>
    <message>
        <source>Only Jira system administrators can search and revoke other users&apos; personal access tokens, and only on Jira Data Center.</source>
        <translation>Seuls les administrateurs système Jira peuvent rechercher et révoquer les jetons d&apos;accès personnels des autres utilisateurs, et uniquement sur Jira Data Center.</translation>
    </message>
    <message>
        <source>The server said: %1</source>
        <translation>Le serveur a répondu&#xa0;: %1</translation>
    </message>
    <message>
        <source>This server has no personal access token administration (Jira Data Center 8.14 or later has it).</source>
        <translation>Ce serveur n&apos;a pas d&apos;administration des jetons d&apos;accès personnels (elle existe à partir de Jira Data Center 8.14).</translation>
    </message>
</context>
<context>
    <name>AdminTokenQuery</name>
    <message>
        <source>The first day is after the last day: swap them or clear one.</source>
        <translation>Le premier jour est postérieur au dernier&#xa0;: inversez-les ou effacez-en un.</translation>
    </message>
    <message>
        <source>A token that was never used has no last-used day: clear “Never used” or the last-used days.</source>
        <translation>Un jeton jamais utilisé n&apos;a pas de dernier jour d&apos;utilisation&#xa0;: décochez «&#xa0;Jamais utilisé&#xa0;» ou effacez les jours de dernière utilisation.</translation>
    </message>
</context>
<context>
    <name>ApiError</name>
    <message>
        <source>The server could not be reached.</source>
        <translation>Le serveur est injoignable.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted, so the connection was refused.</source>
        <translation>Le certificat du serveur n&apos;est pas approuvé, la connexion a donc été refusée.</translation>
    </message>
    <message>
        <source>The server did not answer in time.</source>
        <translation>Le serveur n&apos;a pas répondu à temps.</translation>
    </message>
    <message>
        <source>The server did not accept the credentials. Check the user name and password or token.</source>
        <translation>Le serveur n&apos;a pas accepté les identifiants. Vérifiez le nom d&apos;utilisateur et le mot de passe ou le jeton.</translation>
    </message>
    <message>
        <source>The server refused the OAuth request (%1).</source>
        <translation>Le serveur a refusé la requête OAuth (%1).</translation>
    </message>
    <message>
        <source>This administration task needs your password again (a secure administrator session).</source>
        <translation>Cette tâche d&apos;administration redemande votre mot de passe (session d&apos;administration sécurisée).</translation>
    </message>
    <message>
        <source>You are signed in, but not allowed to do this.</source>
        <translation>Vous êtes connecté, mais vous n&apos;êtes pas autorisé à faire ceci.</translation>
    </message>
    <message>
        <source>The server does not have this item (it may have been removed already).</source>
        <translation>Le serveur n&apos;a pas cet élément (il a peut-être déjà été supprimé).</translation>
    </message>
    <message>
        <source>The server refused the change because it conflicts with what it already has.</source>
        <translation>Le serveur a refusé la modification car elle est en conflit avec ce qu&apos;il a déjà.</translation>
    </message>
    <message>
        <source>The server refused the input.</source>
        <translation>Le serveur a refusé la saisie.</translation>
    </message>
    <message numerus="yes">
        <source>The server is limiting requests; try again in %n second(s).</source>
        <translation>
            <numerusform>Le serveur limite les requêtes&#xa0;; réessayez dans %n seconde.</numerusform>
            <numerusform>Le serveur limite les requêtes&#xa0;; réessayez dans %n secondes.</numerusform>
        </translation>
    </message>
    <message>
        <source>The server is limiting requests; try again shortly.</source>
        <translation>Le serveur limite les requêtes&#xa0;; réessayez sous peu.</translation>
    </message>
    <message>
        <source>The server had an internal error (HTTP %1).</source>
        <translation>Le serveur a rencontré une erreur interne (HTTP %1).</translation>
    </message>
    <message>
        <source>The server&apos;s answer could not be read.</source>
        <translation>La réponse du serveur est illisible.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <source>Details: %1</source>
        <translation>Détails&#xa0;: %1</translation>
    </message>
    <message>
        <source>The server said: “%1”</source>
        <translation>Le serveur a répondu&#xa0;: «&#xa0;%1&#xa0;»</translation>
    </message>
</context>
<context>
    <name>AppLinkDiagnosis</name>
    <message>
        <source>Working: Jira reaches the application and both ends accept each other.</source>
        <translation>Fonctionne&#xa0;: Jira atteint l&apos;application et les deux extrémités s&apos;acceptent mutuellement.</translation>
    </message>
    <message>
        <source>the remote application</source>
        <translation>l&apos;application distante</translation>
    </message>
    <message>
        <source>If the application moved, relocate the link to its new address.</source>
        <translation>Si l&apos;application a déménagé, déplacez le lien vers sa nouvelle adresse.</translation>
    </message>
    <message>
        <source>Nothing accepts connections at %1: the application is down, or the link&apos;s address or port is wrong.</source>
        <translation>Rien n&apos;accepte de connexions à %1&#xa0;: l&apos;application est arrêtée, ou l&apos;adresse ou le port du lien est incorrect.</translation>
    </message>
    <message>
        <source>Check that the application is running and reachable from the Jira server. %1</source>
        <translation>Vérifiez que l&apos;application fonctionne et qu&apos;elle est joignable depuis le serveur Jira. %1</translation>
    </message>
    <message>
        <source>The Jira server cannot find the host %1 (unknown host name).</source>
        <translation>Le serveur Jira ne trouve pas l&apos;hôte %1 (nom d&apos;hôte inconnu).</translation>
    </message>
    <message>
        <source>Check the spelling of the link&apos;s address and the Jira server&apos;s DNS. %1</source>
        <translation>Vérifiez l&apos;orthographe de l&apos;adresse du lien et le DNS du serveur Jira. %1</translation>
    </message>
    <message>
        <source>Jira does not trust the certificate of %1.</source>
        <translation>Jira ne fait pas confiance au certificat de %1.</translation>
    </message>
    <message>
        <source>Import the application&apos;s certificate, or the authority that issued it, into the Java trust store Jira uses, then restart Jira.</source>
        <translation>Importez le certificat de l&apos;application, ou l&apos;autorité qui l&apos;a émis, dans le magasin de confiance Java utilisé par Jira, puis redémarrez Jira.</translation>
    </message>
    <message>
        <source>The certificate of %1 is made out to another host name.</source>
        <translation>Le certificat de %1 est établi pour un autre nom d&apos;hôte.</translation>
    </message>
    <message>
        <source>Use the host name the certificate names in the link&apos;s address, or give the application a certificate for this name.</source>
        <translation>Utilisez dans l&apos;adresse du lien le nom d&apos;hôte indiqué par le certificat, ou donnez à l&apos;application un certificat pour ce nom.</translation>
    </message>
    <message>
        <source>Jira and %1 could not agree on a secure connection (TLS handshake failed).</source>
        <translation>Jira et %1 n&apos;ont pas pu s&apos;accorder sur une connexion sécurisée (échec de la négociation TLS).</translation>
    </message>
    <message>
        <source>Check the TLS versions and ciphers both servers allow, and any proxy between them.</source>
        <translation>Vérifiez les versions TLS et les algorithmes de chiffrement autorisés par les deux serveurs, ainsi que tout proxy entre eux.</translation>
    </message>
    <message>
        <source>%1 answers, but not as the application would: a proxy, login or maintenance page may be in the way.</source>
        <translation>%1 répond, mais pas comme le ferait l&apos;application&#xa0;: un proxy, une page de connexion ou de maintenance fait peut-être obstacle.</translation>
    </message>
    <message>
        <source>Open the link&apos;s address from the Jira server (for example with curl) and see what answers. %1</source>
        <translation>Ouvrez l&apos;adresse du lien depuis le serveur Jira (par exemple avec curl) et regardez ce qui répond. %1</translation>
    </message>
    <message>
        <source>%1 refuses Jira&apos;s signed requests because the two servers&apos; clocks differ.</source>
        <translation>%1 refuse les requêtes signées de Jira car les horloges des deux serveurs diffèrent.</translation>
    </message>
    <message>
        <source>Synchronise both servers&apos; clocks (NTP); OAuth allows only a few minutes of difference.</source>
        <translation>Synchronisez les horloges des deux serveurs (NTP)&#xa0;; OAuth ne tolère que quelques minutes d&apos;écart.</translation>
    </message>
    <message>
        <source>%1 cannot verify Jira&apos;s OAuth signature.</source>
        <translation>%1 ne parvient pas à vérifier la signature OAuth de Jira.</translation>
    </message>
    <message>
        <source>Most often one application&apos;s base URL differs from the address the other uses (a proxy, a changed URL): make both base URLs match the addresses in the links. If a key pair was replaced, set up OAuth on the link again.</source>
        <translation>Le plus souvent, l&apos;URL de base d&apos;une application diffère de l&apos;adresse utilisée par l&apos;autre (un proxy, une URL modifiée)&#xa0;: faites correspondre les deux URL de base aux adresses des liens. Si une paire de clés a été remplacée, reconfigurez OAuth sur le lien.</translation>
    </message>
    <message>
        <source>%1 does not know Jira as an OAuth consumer: its end of the link has no incoming authentication for this Jira.</source>
        <translation>%1 ne connaît pas Jira comme consommateur OAuth&#xa0;: son extrémité du lien n&apos;a pas d&apos;authentification entrante pour ce Jira.</translation>
    </message>
    <message>
        <source>On the remote application, set up incoming OAuth on its link to Jira, or recreate the link as a two-way link.</source>
        <translation>Sur l&apos;application distante, configurez l&apos;OAuth entrant sur son lien vers Jira, ou recréez le lien en tant que lien bidirectionnel.</translation>
    </message>
    <message>
        <source>%1 refuses Jira&apos;s OAuth requests.</source>
        <translation>%1 refuse les requêtes OAuth de Jira.</translation>
    </message>
    <message>
        <source>%1 refuses Jira&apos;s OAuth requests (%2).</source>
        <translation>%1 refuse les requêtes OAuth de Jira (%2).</translation>
    </message>
    <message>
        <source>Compare the OAuth settings of both ends of the link; set up OAuth on both ends again if they differ.</source>
        <translation>Comparez les paramètres OAuth des deux extrémités du lien&#xa0;; reconfigurez OAuth des deux côtés s&apos;ils diffèrent.</translation>
    </message>
    <message>
        <source>The remote end can be checked only after you allow %1 to act as you in Jira.</source>
        <translation>L&apos;extrémité distante ne peut être vérifiée qu&apos;après que vous avez autorisé %1 à agir en votre nom dans Jira.</translation>
    </message>
    <message>
        <source>Authorise the application in Jira, then check again.</source>
        <translation>Autorisez l&apos;application dans Jira, puis vérifiez à nouveau.</translation>
    </message>
    <message>
        <source>Open %1, allow access, then check again.</source>
        <translation>Ouvrez %1, autorisez l&apos;accès, puis vérifiez à nouveau.</translation>
    </message>
    <message>
        <source>You have not allowed Jira to act as you on %1, so the remote end cannot be checked.</source>
        <translation>Vous n&apos;avez pas autorisé Jira à agir en votre nom sur %1, l&apos;extrémité distante ne peut donc pas être vérifiée.</translation>
    </message>
    <message>
        <source>Authorise Jira on the remote application, then check again.</source>
        <translation>Autorisez Jira sur l&apos;application distante, puis vérifiez à nouveau.</translation>
    </message>
    <message>
        <source>Your account on %1 is not an administrator there, so the remote end cannot be checked.</source>
        <translation>Votre compte sur %1 n&apos;y est pas administrateur, l&apos;extrémité distante ne peut donc pas être vérifiée.</translation>
    </message>
    <message>
        <source>Check again as a user who administers both applications.</source>
        <translation>Vérifiez à nouveau avec un utilisateur qui administre les deux applications.</translation>
    </message>
    <message>
        <source>%1 has no link back to this Jira.</source>
        <translation>%1 n&apos;a pas de lien de retour vers ce Jira.</translation>
    </message>
    <message>
        <source>Create the link on the remote application (or recreate this one as a two-way link). If it has one, its address for Jira must be Jira&apos;s base URL.</source>
        <translation>Créez le lien sur l&apos;application distante (ou recréez celui-ci en tant que lien bidirectionnel). S&apos;il en existe un, son adresse pour Jira doit être l&apos;URL de base de Jira.</translation>
    </message>
    <message>
        <source>The two ends disagree on OAuth: what one end sends, the other does not accept (for example impersonation on one side only).</source>
        <translation>Les deux extrémités ne s&apos;accordent pas sur OAuth&#xa0;: ce qu&apos;une extrémité envoie, l&apos;autre ne l&apos;accepte pas (par exemple l&apos;emprunt d&apos;identité d&apos;un seul côté).</translation>
    </message>
    <message>
        <source>Make this end&apos;s outgoing OAuth match the remote&apos;s incoming OAuth, and the other way round.</source>
        <translation>Faites correspondre l&apos;OAuth sortant de cette extrémité à l&apos;OAuth entrant de l&apos;extrémité distante, et inversement.</translation>
    </message>
    <message>
        <source>The link uses an authentication level %1 does not support.</source>
        <translation>Le lien utilise un niveau d&apos;authentification que %1 ne prend pas en charge.</translation>
    </message>
    <message>
        <source>Use OAuth without impersonation on both ends, or upgrade the remote application.</source>
        <translation>Utilisez OAuth sans emprunt d&apos;identité des deux côtés, ou mettez à niveau l&apos;application distante.</translation>
    </message>
    <message>
        <source>Jira has no outgoing authentication for this link, so it cannot call %1 as its users.</source>
        <translation>Jira n&apos;a pas d&apos;authentification sortante pour ce lien, il ne peut donc pas appeler %1 au nom de ses utilisateurs.</translation>
    </message>
    <message>
        <source>Turn on outgoing OAuth for the link.</source>
        <translation>Activez l&apos;OAuth sortant pour le lien.</translation>
    </message>
    <message>
        <source>%1 is too old for Jira to check the link.</source>
        <translation>La version de %1 est trop ancienne pour que Jira puisse vérifier le lien.</translation>
    </message>
    <message>
        <source>Check the link from the remote application&apos;s administration, or upgrade it.</source>
        <translation>Vérifiez le lien depuis l&apos;administration de l&apos;application distante, ou mettez-la à niveau.</translation>
    </message>
    <message>
        <source>The link still uses Trusted Applications or Basic authentication, which Atlassian has retired.</source>
        <translation>Le lien utilise encore Trusted Applications ou l&apos;authentification Basic, qu&apos;Atlassian a retirées.</translation>
    </message>
    <message>
        <source>Switch the link to OAuth on both ends by hand (the remote cannot do it automatically), then remove the old authentication.</source>
        <translation>Passez le lien à OAuth des deux côtés manuellement (l&apos;extrémité distante ne peut pas le faire automatiquement), puis supprimez l&apos;ancienne authentification.</translation>
    </message>
    <message>
        <source>Update the link to OAuth in Jira&apos;s link settings; Jira can do it for both ends.</source>
        <translation>Mettez le lien à jour vers OAuth dans les paramètres de lien de Jira&#xa0;; Jira peut le faire pour les deux extrémités.</translation>
    </message>
    <message>
        <source>OAuth is turned off on this link, so users cannot use it.</source>
        <translation>OAuth est désactivé sur ce lien, les utilisateurs ne peuvent donc pas l&apos;utiliser.</translation>
    </message>
    <message>
        <source>Turn on incoming and outgoing OAuth on both ends of the link.</source>
        <translation>Activez l&apos;OAuth entrant et sortant aux deux extrémités du lien.</translation>
    </message>
    <message>
        <source>A link to a non-Atlassian application: Jira cannot check it.</source>
        <translation>Un lien vers une application non Atlassian&#xa0;: Jira ne peut pas le vérifier.</translation>
    </message>
    <message>
        <source>Nothing to do here; test the integration from the other application.</source>
        <translation>Rien à faire ici&#xa0;; testez l&apos;intégration depuis l&apos;autre application.</translation>
    </message>
    <message>
        <source>A system link, managed by the application itself: it is not checked.</source>
        <translation>Un lien système, géré par l&apos;application elle-même&#xa0;: il n&apos;est pas vérifié.</translation>
    </message>
    <message>
        <source>Jira says the link does not work, but not why.</source>
        <translation>Jira indique que le lien ne fonctionne pas, mais pas pourquoi.</translation>
    </message>
    <message>
        <source>Jira says the link does not work (%1).</source>
        <translation>Jira indique que le lien ne fonctionne pas (%1).</translation>
    </message>
    <message>
        <source>Open the link&apos;s status in Jira&apos;s administration, and look in both applications&apos; logs.</source>
        <translation>Ouvrez l&apos;état du lien dans l&apos;administration de Jira, et consultez les journaux des deux applications.</translation>
    </message>
    <message>
        <source>Only Jira administrators may check application links.</source>
        <translation>Seuls les administrateurs Jira peuvent vérifier les liens d&apos;application.</translation>
    </message>
    <message>
        <source>Sign in as a Jira administrator.</source>
        <translation>Connectez-vous en tant qu&apos;administrateur Jira.</translation>
    </message>
    <message>
        <source>Sign in again, then check again.</source>
        <translation>Reconnectez-vous, puis vérifiez à nouveau.</translation>
    </message>
    <message>
        <source>The link no longer exists on this server.</source>
        <translation>Le lien n&apos;existe plus sur ce serveur.</translation>
    </message>
    <message>
        <source>Refresh the list of links.</source>
        <translation>Actualisez la liste des liens.</translation>
    </message>
    <message>
        <source>Jira did not finish the check in time. It calls the remote application to check a link, so that application (or the network to it) is slow or not answering.</source>
        <translation>Jira n&apos;a pas terminé la vérification à temps. Pour vérifier un lien, il appelle l&apos;application distante&#xa0;: cette application (ou le réseau qui y mène) est donc lente ou ne répond pas.</translation>
    </message>
    <message>
        <source>Check again; if it keeps timing out, check the remote application and the network between the two servers.</source>
        <translation>Vérifiez à nouveau&#xa0;; si le délai est encore dépassé, vérifiez l&apos;application distante et le réseau entre les deux serveurs.</translation>
    </message>
    <message>
        <source>Check the connection to Jira, then check again.</source>
        <translation>Vérifiez la connexion à Jira, puis vérifiez à nouveau.</translation>
    </message>
    <message>
        <source>The link&apos;s status could not be read. %1</source>
        <translation>L&apos;état du lien n&apos;a pas pu être lu. %1</translation>
    </message>
    <message>
        <source>Check again later; if it keeps failing, look in Jira&apos;s log.</source>
        <translation>Vérifiez à nouveau plus tard&#xa0;; si l&apos;échec persiste, consultez le journal de Jira.</translation>
    </message>
</context>
<context>
    <name>AppLinkOutcome</name>
    <message>
        <source>Sign in again, then retry.</source>
        <translation>Reconnectez-vous, puis réessayez.</translation>
    </message>
    <message>
        <source>Sign in with your password (not a token) and retry; AccessDesk then confirms the administrator session for you.</source>
        <translation>Connectez-vous avec votre mot de passe (pas un jeton) et réessayez&#xa0;; AccessDesk confirme alors la session d&apos;administration pour vous.</translation>
    </message>
    <message>
        <source>Sign in as a Jira administrator (some changes need a system administrator).</source>
        <translation>Connectez-vous en tant qu&apos;administrateur Jira (certaines modifications exigent un administrateur système).</translation>
    </message>
    <message>
        <source>The application link does not exist on this server (any more).</source>
        <translation>Le lien d&apos;application n&apos;existe pas (ou plus) sur ce serveur.</translation>
    </message>
    <message>
        <source>Refresh the list of links: someone may have removed it.</source>
        <translation>Actualisez la liste des liens&#xa0;: quelqu&apos;un l&apos;a peut-être supprimé.</translation>
    </message>
    <message>
        <source>Check the connection to Jira, then retry.</source>
        <translation>Vérifiez la connexion à Jira, puis réessayez.</translation>
    </message>
    <message>
        <source>The server refused the value: %1</source>
        <translation>Le serveur a refusé la valeur&#xa0;: %1</translation>
    </message>
    <message>
        <source>Correct the value and try again; nothing else was lost.</source>
        <translation>Corrigez la valeur et réessayez&#xa0;; rien d&apos;autre n&apos;a été perdu.</translation>
    </message>
    <message>
        <source>Try again later; if it keeps failing, check Jira&apos;s log.</source>
        <translation>Réessayez plus tard&#xa0;; si l&apos;échec persiste, consultez le journal de Jira.</translation>
    </message>
</context>
<context>
    <name>CliAdminOptionSet</name>
    <message>
        <source>--%1 takes a whole number of days from 1 to %2</source>
        <translation>--%1 attend un nombre entier de jours de 1 à %2</translation>
    </message>
    <message>
        <source>links, consumers, oauth2-clients: the name; admin-pats: part of the token&apos;s name.</source>
        <translation>links, consumers, oauth2-clients&#xa0;: le nom&#xa0;; admin-pats&#xa0;: une partie du nom du jeton.</translation>
    </message>
    <message>
        <source>links create: the application type (generic, jira, confluence, bamboo, stash, fecru, crowd).</source>
        <translation>links create&#xa0;: le type d&apos;application (generic, jira, confluence, bamboo, stash, fecru, crowd).</translation>
    </message>
    <message>
        <source>links create: make it the primary link of its type.</source>
        <translation>links create&#xa0;: en faire le lien principal de son type.</translation>
    </message>
    <message>
        <source>links create: also create the remote end and trust each other.</source>
        <translation>links create&#xa0;: créer aussi l&apos;extrémité distante et établir la confiance mutuelle.</translation>
    </message>
    <message>
        <source>links create --two-way: the remote&apos;s administrator.</source>
        <translation>links create --two-way&#xa0;: l&apos;administrateur de l&apos;application distante.</translation>
    </message>
    <message>
        <source>links create --two-way: environment variable holding the remote administrator&apos;s password (used once, never stored).</source>
        <translation>links create --two-way&#xa0;: variable d&apos;environnement contenant le mot de passe de l&apos;administrateur distant (utilisé une fois, jamais enregistré).</translation>
    </message>
    <message>
        <source>links update: the address shown to users.</source>
        <translation>links update&#xa0;: l&apos;adresse affichée aux utilisateurs.</translation>
    </message>
    <message>
        <source>links update: the address Jira calls the application on.</source>
        <translation>links update&#xa0;: l&apos;adresse à laquelle Jira appelle l&apos;application.</translation>
    </message>
    <message>
        <source>links delete: also delete the link on the remote application.</source>
        <translation>links delete&#xa0;: supprimer aussi le lien sur l&apos;application distante.</translation>
    </message>
    <message>
        <source>consumers approve: the consumer key.</source>
        <translation>consumers approve&#xa0;: la clé du consommateur.</translation>
    </message>
    <message>
        <source>consumers approve: file with the consumer&apos;s RSA public key (PEM or base64).</source>
        <translation>consumers approve&#xa0;: fichier contenant la clé publique RSA du consommateur (PEM ou base64).</translation>
    </message>
    <message>
        <source>consumers approve: shown to users who grant access.</source>
        <translation>consumers approve&#xa0;: texte affiché aux utilisateurs qui accordent l&apos;accès.</translation>
    </message>
    <message>
        <source>consumers approve: the consumer&apos;s callback address.</source>
        <translation>consumers approve&#xa0;: l&apos;adresse de rappel du consommateur.</translation>
    </message>
    <message>
        <source>consumers approve: allow 2-legged OAuth.</source>
        <translation>consumers approve&#xa0;: autoriser OAuth à 2 acteurs (2-legged).</translation>
    </message>
    <message>
        <source>consumers approve --two-legged: run 2-legged requests as this user.</source>
        <translation>consumers approve --two-legged&#xa0;: exécuter les requêtes à 2 acteurs en tant que cet utilisateur.</translation>
    </message>
    <message>
        <source>consumers approve --two-legged: allow impersonation (system administrators only).</source>
        <translation>consumers approve --two-legged&#xa0;: autoriser l&apos;emprunt d&apos;identité (administrateurs système uniquement).</translation>
    </message>
    <message>
        <source>consumers keygen: the file for the private key (created 0600).</source>
        <translation>consumers keygen&#xa0;: le fichier de la clé privée (créé en 0600).</translation>
    </message>
    <message>
        <source>consumers keygen: 2048 (default), 3072 or 4096.</source>
        <translation>consumers keygen&#xa0;: 2048 (par défaut), 3072 ou 4096.</translation>
    </message>
    <message>
        <source>consumers keygen: replace an existing --out file.</source>
        <translation>consumers keygen&#xa0;: remplacer un fichier --out existant.</translation>
    </message>
    <message>
        <source>oauth2-clients: a redirect address (repeat for several).</source>
        <translation>oauth2-clients&#xa0;: une adresse de redirection (à répéter pour en indiquer plusieurs).</translation>
    </message>
    <message>
        <source>admin-pats: tokens of this user (user name, display name or e-mail, or part of one; an exact user name or e-mail wins).</source>
        <translation>admin-pats&#xa0;: jetons de cet utilisateur (nom d&apos;utilisateur, nom affiché ou e-mail, ou une partie de l&apos;un d&apos;eux&#xa0;; un nom d&apos;utilisateur ou un e-mail exact l&apos;emporte).</translation>
    </message>
    <message>
        <source>admin-pats: tokens never used.</source>
        <translation>admin-pats&#xa0;: jetons jamais utilisés.</translation>
    </message>
    <message>
        <source>admin-pats: tokens that have expired.</source>
        <translation>admin-pats&#xa0;: jetons expirés.</translation>
    </message>
    <message>
        <source>admin-pats: tokens not used in the last N days (never-used ones older than N days too).</source>
        <translation>admin-pats&#xa0;: jetons non utilisés depuis N jours (ainsi que les jetons jamais utilisés créés il y a plus de N jours).</translation>
    </message>
    <message>
        <source>admin-pats: tokens that expire within N days.</source>
        <translation>admin-pats&#xa0;: jetons qui expirent dans les N jours.</translation>
    </message>
    <message>
        <source>admin-pats sweep: show what would be revoked, change nothing.</source>
        <translation>admin-pats sweep&#xa0;: afficher ce qui serait révoqué, sans rien modifier.</translation>
    </message>
    <message>
        <source>admin-pats sweep: write a CSV receipt of the outcome here.</source>
        <translation>admin-pats sweep&#xa0;: écrire ici un reçu CSV du résultat.</translation>
    </message>
    <message>
        <source>--bits takes 2048, 3072 or 4096</source>
        <translation>--bits attend 2048, 3072 ou 4096</translation>
    </message>
    <message>
        <source>--two-way needs --remote-user and --remote-password-env</source>
        <translation>--two-way nécessite --remote-user et --remote-password-env</translation>
    </message>
    <message>
        <source>--remote-user and --remote-password-env go with --two-way</source>
        <translation>--remote-user et --remote-password-env s&apos;utilisent avec --two-way</translation>
    </message>
    <message>
        <source>--execute-as and --impersonation go with --two-legged</source>
        <translation>--execute-as et --impersonation s&apos;utilisent avec --two-legged</translation>
    </message>
</context>
<context>
    <name>CliOptions</name>
    <message>
        <source>Commands:
  probe                      server version, who you are, admin rights, features
  profiles add NAME          save --server/--auth/--user (and the secret from the environment) as a profile
  profiles list              saved profiles
  profiles remove NAME       forget a profile and its secrets
  profiles test NAME         probe with a saved profile
  tokens list                every grant that can act as you (OAuth 1.0a, OAuth 2.0, PAT)
  tokens revoke ID...        revoke grants by the ids &apos;tokens list&apos; shows
  pat list                   your personal access tokens
  pat create NAME [--days N] create one (the token is printed once)
  pat revoke ID...           revoke personal access tokens
  oauth1 authorize           run the OAuth 1.0a dance as a consumer (--consumer-key, --private-key)
  oauth2 login               sign in through the browser (--client-id, --client-secret-env)
  oauth2 refresh             refresh a profile&apos;s OAuth 2.0 tokens
  links list                 application links (admins)
  links get ID               one link, with its incoming and outgoing OAuth
  links status [ID]          check every link (or one): what is wrong, what to do
  links create URL           link an application [--name N] [--type T] [--primary]
                             [--two-way --remote-user U --remote-password-env VAR]
  links update ID            change --name, --display-url or --rpc-url
  links relocate ID URL      move a link to the application&apos;s new address
  links primary ID           make it the primary link of its type
  links delete ID [--both]   delete it here (or on both ends); asks first
  consumers show LINK_ID     an application link&apos;s incoming OAuth consumer
  consumers approve LINK_ID  approve it: --key, --name, --public-key FILE [--description] [--callback] [--two-legged [--execute-as] [--impersonation]]
  consumers remove LINK_ID   remove it (its users&apos; tokens stop working)
  consumers fetch-info URL   read a remote application&apos;s OAuth consumer information
  consumers keygen --out FILE  make a key pair: the private key to FILE (0600), the public key printed
  oauth2-clients list        OAuth 2.0 clients (no secrets)
  oauth2-clients create NAME --redirect URL... --scope S  register one (the secret is printed once)
  oauth2-clients update ID   change --name, --redirect, --scope
  oauth2-clients reset ID    new client secret (printed once; the old one stops working)
  oauth2-clients delete ID   delete a client and its authorisations
  activity list              what was changed from this machine
  activity export            the same as CSV
  admin-pats search          every user&apos;s personal access tokens (system administrators):
                             [--owner U] [--name TEXT] [--never-used] [--expired]
                             [--unused-days N] [--expiring-days N]
  admin-pats revoke ID...    revoke any user&apos;s personal access tokens, then check
  admin-pats sweep RULE      revoke every token that matches one rule (--never-used,
                             --expired, --unused-days N or --expiring-days N);
                             [--dry-run] lists them only, [--receipt FILE] saves a CSV
</source>
        <extracomment>The command list of accessdesk-cli --help. Translate only the descriptions; the command words, option names and placeholders (NAME, ID, URL, FILE, N) stay as they are, and the descriptions stay aligned in their column.</extracomment>
        <translation>Commandes&#xa0;:
  probe                      version du serveur, votre identité, droits d&apos;administration, fonctionnalités
  profiles add NAME          enregistrer --server/--auth/--user (et le secret tiré de l&apos;environnement) comme profil
  profiles list              profils enregistrés
  profiles remove NAME       oublier un profil et ses secrets
  profiles test NAME         lancer probe avec un profil enregistré
  tokens list                toutes les autorisations qui peuvent agir en votre nom (OAuth 1.0a, OAuth 2.0, PAT)
  tokens revoke ID...        révoquer des autorisations par les ID qu&apos;affiche &apos;tokens list&apos;
  pat list                   vos jetons d&apos;accès personnels
  pat create NAME [--days N] en créer un (le jeton n&apos;est affiché qu&apos;une fois)
  pat revoke ID...           révoquer des jetons d&apos;accès personnels
  oauth1 authorize           effectuer l&apos;échange OAuth 1.0a en tant que consommateur (--consumer-key, --private-key)
  oauth2 login               se connecter via le navigateur (--client-id, --client-secret-env)
  oauth2 refresh             actualiser les jetons OAuth 2.0 d&apos;un profil
  links list                 liens d&apos;application (administrateurs)
  links get ID               un lien, avec son OAuth entrant et sortant
  links status [ID]          vérifier tous les liens (ou un seul)&#xa0;: ce qui ne va pas, que faire
  links create URL           lier une application [--name N] [--type T] [--primary]
                             [--two-way --remote-user U --remote-password-env VAR]
  links update ID            modifier --name, --display-url ou --rpc-url
  links relocate ID URL      déplacer un lien vers la nouvelle adresse de l&apos;application
  links primary ID           en faire le lien principal de son type
  links delete ID [--both]   le supprimer ici (ou aux deux extrémités)&#xa0;; avec confirmation
  consumers show LINK_ID     le consommateur OAuth entrant d&apos;un lien d&apos;application
  consumers approve LINK_ID  l&apos;approuver&#xa0;: --key, --name, --public-key FILE [--description] [--callback] [--two-legged [--execute-as] [--impersonation]]
  consumers remove LINK_ID   le supprimer (les jetons de ses utilisateurs cessent de fonctionner)
  consumers fetch-info URL   lire les informations de consommateur OAuth d&apos;une application distante
  consumers keygen --out FILE  créer une paire de clés&#xa0;: la clé privée dans FILE (0600), la clé publique affichée
  oauth2-clients list        clients OAuth 2.0 (sans les secrets)
  oauth2-clients create NAME --redirect URL... --scope S  en enregistrer un (le secret n&apos;est affiché qu&apos;une fois)
  oauth2-clients update ID   modifier --name, --redirect, --scope
  oauth2-clients reset ID    nouveau secret client (affiché une fois&#xa0;; l&apos;ancien cesse de fonctionner)
  oauth2-clients delete ID   supprimer un client et ses autorisations
  activity list              ce qui a été modifié depuis cette machine
  activity export            la même chose en CSV
  admin-pats search          les jetons d&apos;accès personnels de tous les utilisateurs (administrateurs système)&#xa0;:
                             [--owner U] [--name TEXT] [--never-used] [--expired]
                             [--unused-days N] [--expiring-days N]
  admin-pats revoke ID...    révoquer les jetons d&apos;accès personnels de n&apos;importe quel utilisateur, puis vérifier
  admin-pats sweep RULE      révoquer tous les jetons qui correspondent à une règle (--never-used,
                             --expired, --unused-days N ou --expiring-days N)&#xa0;;
                             [--dry-run] les liste seulement, [--receipt FILE] enregistre un CSV
</translation>
    </message>
    <message>
        <source>AccessDesk for scripts: see and revoke access on Jira Data Center.

</source>
        <translation>AccessDesk pour les scripts&#xa0;: consulter et révoquer les accès sur Jira Data Center.

</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Afficher cette aide.</translation>
    </message>
    <message>
        <source>table (default), json or csv.</source>
        <translation>table (par défaut), json ou csv.</translation>
    </message>
    <message>
        <source>Answer confirmations with yes.</source>
        <translation>Répondre oui aux confirmations.</translation>
    </message>
    <message>
        <source>pat create: days until the token expires.</source>
        <translation>pat create&#xa0;: nombre de jours avant l&apos;expiration du jeton.</translation>
    </message>
    <message>
        <source>OAuth 2.0 client id.</source>
        <translation>ID client OAuth 2.0.</translation>
    </message>
    <message>
        <source>Environment variable holding the OAuth 2.0 client secret.</source>
        <translation>Variable d&apos;environnement contenant le secret client OAuth 2.0.</translation>
    </message>
    <message>
        <source>oauth2 login: port of the registered http://127.0.0.1:PORT/callback.</source>
        <translation>oauth2 login&#xa0;: port de l&apos;adresse enregistrée http://127.0.0.1:PORT/callback.</translation>
    </message>
    <message>
        <source>oauth2 login, oauth2-clients: READ, WRITE, ADMIN or SYSTEM_ADMIN.</source>
        <translation>oauth2 login, oauth2-clients&#xa0;: READ, WRITE, ADMIN ou SYSTEM_ADMIN.</translation>
    </message>
    <message>
        <source>Show the version.</source>
        <translation>Afficher la version.</translation>
    </message>
    <message>
        <source>What to do (see Commands).</source>
        <translation>Action à effectuer (voir Commandes).</translation>
    </message>
    <message>
        <source>--format takes table, json or csv</source>
        <translation>--format attend table, json ou csv</translation>
    </message>
    <message>
        <source>--days takes a positive number of days</source>
        <translation>--days attend un nombre de jours positif</translation>
    </message>
    <message>
        <source>--redirect-port takes a port number from 1 to 65535</source>
        <translation>--redirect-port attend un numéro de port de 1 à 65535</translation>
    </message>
    <message>
        <source>no command given</source>
        <translation>aucune commande indiquée</translation>
    </message>
</context>
<context>
    <name>CliTable</name>
    <message>
        <source>action</source>
        <translation>action</translation>
    </message>
    <message>
        <source>application</source>
        <translation>application</translation>
    </message>
    <message>
        <source>application URL</source>
        <translation>URL de l&apos;application</translation>
    </message>
    <message>
        <source>auth</source>
        <translation>authentification</translation>
    </message>
    <message>
        <source>client id</source>
        <translation>ID client</translation>
    </message>
    <message>
        <source>client secret</source>
        <translation>secret client</translation>
    </message>
    <message>
        <source>created</source>
        <translation>créé</translation>
    </message>
    <message>
        <source>error</source>
        <translation>erreur</translation>
    </message>
    <message>
        <source>expires</source>
        <translation>expire</translation>
    </message>
    <message>
        <source>field</source>
        <translation>champ</translation>
    </message>
    <message>
        <source>id</source>
        <translation>id</translation>
    </message>
    <message>
        <source>incoming</source>
        <translation>entrant</translation>
    </message>
    <message>
        <source>issued</source>
        <translation>émis</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>type</translation>
    </message>
    <message>
        <source>last used</source>
        <translation>dernière utilisation</translation>
    </message>
    <message>
        <source>name</source>
        <translation>nom</translation>
    </message>
    <message>
        <source>outcome</source>
        <translation>résultat</translation>
    </message>
    <message>
        <source>outgoing</source>
        <translation>sortant</translation>
    </message>
    <message>
        <source>owner</source>
        <translation>propriétaire</translation>
    </message>
    <message>
        <source>pinned certificate</source>
        <translation>certificat épinglé</translation>
    </message>
    <message>
        <source>primary</source>
        <extracomment>Table column: whether the link is the primary one of its type</extracomment>
        <translation>principal</translation>
    </message>
    <message>
        <source>profile</source>
        <translation>profil</translation>
    </message>
    <message>
        <source>redirects</source>
        <translation>redirections</translation>
    </message>
    <message>
        <source>result</source>
        <translation>résultat</translation>
    </message>
    <message>
        <source>scope</source>
        <translation>portée</translation>
    </message>
    <message>
        <source>scopes</source>
        <translation>portées</translation>
    </message>
    <message>
        <source>server</source>
        <translation>serveur</translation>
    </message>
    <message>
        <source>status</source>
        <translation>état</translation>
    </message>
    <message>
        <source>stored</source>
        <extracomment>Table column: whether the secret was stored in the keychain</extracomment>
        <translation>enregistré</translation>
    </message>
    <message>
        <source>system</source>
        <translation>système</translation>
    </message>
    <message>
        <source>target</source>
        <translation>cible</translation>
    </message>
    <message>
        <source>time</source>
        <translation>date</translation>
    </message>
    <message>
        <source>token</source>
        <translation>jeton</translation>
    </message>
    <message>
        <source>type</source>
        <translation>type</translation>
    </message>
    <message>
        <source>user</source>
        <translation>utilisateur</translation>
    </message>
    <message>
        <source>value</source>
        <translation>valeur</translation>
    </message>
    <message>
        <source>what is wrong</source>
        <translation>problème</translation>
    </message>
    <message>
        <source>what to do</source>
        <translation>que faire</translation>
    </message>
</context>
<context>
    <name>ConnectionCheck</name>
    <message>
        <source>personal access token</source>
        <translation>jeton d&apos;accès personnel</translation>
    </message>
    <message>
        <source>password</source>
        <translation>mot de passe</translation>
    </message>
    <message>
        <source>Enter the address of your Jira server, starting with https:// — for example https://jira.example.com</source>
        <translation>Saisissez l&apos;adresse de votre serveur Jira, commençant par https:// — par exemple https://jira.example.com</translation>
    </message>
    <message>
        <source>Enter only the server&apos;s address, without a user name, “?…” or “#…” — for example https://jira.example.com/jira</source>
        <translation>Saisissez uniquement l&apos;adresse du serveur, sans nom d&apos;utilisateur, «&#xa0;?…&#xa0;» ni «&#xa0;#…&#xa0;» — par exemple https://jira.example.com/jira</translation>
    </message>
    <message>
        <source>Enter your Jira user name.</source>
        <translation>Saisissez votre nom d&apos;utilisateur Jira.</translation>
    </message>
    <message>
        <source>Enter your %1.</source>
        <translation>Saisissez votre %1.</translation>
    </message>
    <message>
        <source>The server address changed: enter the %1 again, so that the stored one is not sent to the new address unasked.</source>
        <translation>L&apos;adresse du serveur a changé&#xa0;: saisissez de nouveau le %1, afin que celui qui est enregistré ne soit pas envoyé à la nouvelle adresse sans votre accord.</translation>
    </message>
    <message>
        <source>This address starts with http://, so the %1 would travel unencrypted and anyone on the way could read it. Use https:// if the server offers it.</source>
        <translation>Cette adresse commence par http://, le %1 circulerait donc sans chiffrement et quiconque sur le trajet pourrait le lire. Utilisez https:// si le serveur le propose.</translation>
    </message>
    <message>
        <source>The timeout must be at least one second.</source>
        <translation>Le délai d&apos;attente doit être d&apos;au moins une seconde.</translation>
    </message>
    <message>
        <source>This file holds no certificate in PEM format (text starting with “-----BEGIN CERTIFICATE-----”).</source>
        <translation>Ce fichier ne contient aucun certificat au format PEM (texte commençant par «&#xa0;-----BEGIN CERTIFICATE-----&#xa0;»).</translation>
    </message>
    <message>
        <source>This file cannot be read. Choose the CA certificate file again.</source>
        <translation>Ce fichier est illisible. Choisissez de nouveau le fichier de certificat d&apos;autorité (CA).</translation>
    </message>
    <message>
        <source>(Details: %1)</source>
        <translation>(Détails&#xa0;: %1)</translation>
    </message>
    <message>
        <source>AccessDesk could not reach %1. Check the address and that the server is running; a firewall or proxy may also be in the way.</source>
        <translation>AccessDesk n&apos;a pas pu joindre %1. Vérifiez l&apos;adresse et que le serveur fonctionne&#xa0;; un pare-feu ou un proxy fait peut-être aussi obstacle.</translation>
    </message>
    <message numerus="yes">
        <source>The server did not answer within %n second(s). It may be busy or out of reach: try again, or allow more time here.</source>
        <translation>
            <numerusform>Le serveur n&apos;a pas répondu dans un délai de %n seconde. Il est peut-être occupé ou injoignable&#xa0;: réessayez, ou accordez plus de temps ici.</numerusform>
            <numerusform>Le serveur n&apos;a pas répondu dans un délai de %n secondes. Il est peut-être occupé ou injoignable&#xa0;: réessayez, ou accordez plus de temps ici.</numerusform>
        </translation>
    </message>
    <message>
        <source>This computer does not trust the certificate of %1, so nothing was sent. Look at the certificate and decide whether to trust it.</source>
        <translation>Cet ordinateur ne fait pas confiance au certificat de %1, rien n&apos;a donc été envoyé. Examinez le certificat et décidez si vous lui faites confiance.</translation>
    </message>
    <message>
        <source>A secure connection to %1 could not be set up.</source>
        <translation>Impossible d&apos;établir une connexion sécurisée avec %1.</translation>
    </message>
    <message>
        <source>Jira wants a CAPTCHA because of earlier failed sign-ins. Sign in once in a web browser and solve it, then try again here.</source>
        <translation>Jira exige un CAPTCHA en raison d&apos;échecs de connexion antérieurs. Connectez-vous une fois dans un navigateur web et résolvez-le, puis réessayez ici.</translation>
    </message>
    <message>
        <source>The server did not accept this personal access token. It may be mistyped, expired or revoked; create a new one in Jira under your profile → Personal Access Tokens.</source>
        <translation>Le serveur n&apos;a pas accepté ce jeton d&apos;accès personnel. Il est peut-être mal saisi, expiré ou révoqué&#xa0;; créez-en un nouveau dans Jira sous votre profil → Personal Access Tokens.</translation>
    </message>
    <message>
        <source>The user name or password is wrong. Check both and try again (after several failed tries Jira asks for a CAPTCHA in the browser).</source>
        <translation>Le nom d&apos;utilisateur ou le mot de passe est incorrect. Vérifiez les deux et réessayez (après plusieurs échecs, Jira demande un CAPTCHA dans le navigateur).</translation>
    </message>
    <message>
        <source>Something answers at this address, but not a Jira server. Use the address you see in the browser before “/secure/…”, including a path such as /jira if there is one.</source>
        <translation>Quelque chose répond à cette adresse, mais ce n&apos;est pas un serveur Jira. Utilisez l&apos;adresse affichée dans le navigateur avant «&#xa0;/secure/…&#xa0;», y compris un chemin tel que /jira s&apos;il y en a un.</translation>
    </message>
    <message>
        <source>The keychain did not store the %1 (%2), so nothing was saved.</source>
        <translation>Le trousseau n&apos;a pas enregistré le %1 (%2), rien n&apos;a donc été sauvegardé.</translation>
    </message>
    <message>
        <source>The profile was saved, but no keychain is available, so the %1 is kept only until AccessDesk quits; you will be asked for it again next time.</source>
        <translation>Le profil a été enregistré, mais aucun trousseau n&apos;est disponible&#xa0;: le %1 n&apos;est donc conservé que jusqu&apos;à la fermeture d&apos;AccessDesk&#xa0;; il vous sera redemandé la prochaine fois.</translation>
    </message>
    <message>
        <source>No %1 is stored for this profile on this computer.</source>
        <translation>Aucun %1 n&apos;est enregistré pour ce profil sur cet ordinateur.</translation>
    </message>
    <message>
        <source>The keychain did not give the stored %1 (%2). Type it again.</source>
        <translation>Le trousseau n&apos;a pas fourni le %1 enregistré (%2). Saisissez-le de nouveau.</translation>
    </message>
    <message>
        <source>Connected to %1 (Jira %2) as %3.</source>
        <translation>Connecté à %1 (Jira %2) en tant que %3.</translation>
    </message>
    <message>
        <source>access token</source>
        <comment>OAuth sign-in, obtained in the browser</comment>
        <translation>jeton d&apos;accès</translation>
    </message>
    <message>
        <source>No password store is running, so AccessDesk cannot remember passwords. You will be asked for the password or token each time you start AccessDesk.</source>
        <translation>Aucun gestionnaire de mots de passe n&apos;est en cours d&apos;exécution&#xa0;: AccessDesk ne peut donc pas mémoriser les mots de passe. Le mot de passe ou le jeton vous sera demandé à chaque démarrage d&apos;AccessDesk.</translation>
    </message>
    <message>
        <source>Enter the consumer key and choose the private key file.</source>
        <translation>Saisissez la clé du consommateur et choisissez le fichier de clé privée.</translation>
    </message>
    <message>
        <source>Enter the client ID.</source>
        <translation>Saisissez l&apos;ID client.</translation>
    </message>
    <message>
        <source>Sign in in the browser first (“Sign in in browser…”).</source>
        <translation>Connectez-vous d&apos;abord dans le navigateur («&#xa0;Se connecter dans le navigateur…&#xa0;»).</translation>
    </message>
    <message>
        <source>The server address changed: sign in in the browser again, so that the stored tokens are not sent to the new address unasked.</source>
        <translation>L&apos;adresse du serveur a changé&#xa0;: reconnectez-vous dans le navigateur, afin que les jetons enregistrés ne soient pas envoyés à la nouvelle adresse sans votre accord.</translation>
    </message>
    <message>
        <source>The server at %1 answers without encryption, so it does not offer https:// on this port. Try the address with http:// instead: %2</source>
        <translation>Le serveur à l&apos;adresse %1 répond sans chiffrement&#xa0;: il ne propose donc pas https:// sur ce port. Essayez plutôt l&apos;adresse avec http://&#xa0;: %2</translation>
    </message>
    <message>
        <source>The server did not accept the sign-in from the browser. It may have expired or been revoked: sign in in the browser again.</source>
        <translation>Le serveur n&apos;a pas accepté la connexion effectuée dans le navigateur. Elle a peut-être expiré ou été révoquée&#xa0;: reconnectez-vous dans le navigateur.</translation>
    </message>
</context>
<context>
    <name>ConnectionOptionSet</name>
    <message>
        <source>Use a saved connection profile.</source>
        <translation>Utiliser un profil de connexion enregistré.</translation>
    </message>
    <message>
        <source>Jira base URL, e.g. https://jira.example.com.</source>
        <translation>URL de base de Jira, par ex. https://jira.example.com.</translation>
    </message>
    <message>
        <source>basic, pat, session, oauth1 or oauth2.</source>
        <translation>basic, pat, session, oauth1 ou oauth2.</translation>
    </message>
    <message>
        <source>User name (basic, session).</source>
        <translation>Nom d&apos;utilisateur (basic, session).</translation>
    </message>
    <message>
        <source>Environment variable holding the password.</source>
        <translation>Variable d&apos;environnement contenant le mot de passe.</translation>
    </message>
    <message>
        <source>Environment variable holding the personal access token.</source>
        <translation>Variable d&apos;environnement contenant le jeton d&apos;accès personnel.</translation>
    </message>
    <message>
        <source>OAuth 1.0a consumer key.</source>
        <translation>Clé du consommateur OAuth 1.0a.</translation>
    </message>
    <message>
        <source>OAuth 1.0a consumer&apos;s PEM private key file.</source>
        <translation>Fichier de clé privée PEM du consommateur OAuth 1.0a.</translation>
    </message>
    <message>
        <source>Environment variable holding the OAuth access token.</source>
        <translation>Variable d&apos;environnement contenant le jeton d&apos;accès OAuth.</translation>
    </message>
    <message>
        <source>Environment variable holding the OAuth token secret.</source>
        <translation>Variable d&apos;environnement contenant le secret du jeton OAuth.</translation>
    </message>
    <message>
        <source>Also trust certificates issued by this PEM CA file.</source>
        <translation>Faire aussi confiance aux certificats émis par ce fichier d&apos;autorité (PEM).</translation>
    </message>
    <message>
        <source>Trust exactly the server certificate with this SHA-256 fingerprint.</source>
        <translation>Faire confiance exactement au certificat serveur ayant cette empreinte SHA-256.</translation>
    </message>
    <message>
        <source>Seconds without an answer before giving up (default 30).</source>
        <translation>Secondes sans réponse avant d&apos;abandonner (30 par défaut).</translation>
    </message>
    <message>
        <source>Send the password or token over plain http:// to a server that is not this computer (it can be read on the way).</source>
        <translation>Envoyer le mot de passe ou le jeton en http:// non chiffré à un serveur qui n&apos;est pas cet ordinateur (il peut être lu en chemin).</translation>
    </message>
    <message>
        <source>--timeout takes a number of seconds from 1 to 3600</source>
        <translation>--timeout attend un nombre de secondes entre 1 et 3600</translation>
    </message>
    <message>
        <source>--pin-sha256 takes the certificate&apos;s SHA-256 fingerprint (64 hex digits, colons allowed)</source>
        <translation>--pin-sha256 attend l&apos;empreinte SHA-256 du certificat (64 chiffres hexadécimaux, deux-points autorisés)</translation>
    </message>
    <message>
        <source>--auth takes basic, pat, session, oauth1 or oauth2</source>
        <translation>--auth attend basic, pat, session, oauth1 ou oauth2</translation>
    </message>
    <message>
        <source>--server takes an http:// or https:// URL, e.g. https://jira.example.com</source>
        <translation>--server attend une URL http:// ou https://, par ex. https://jira.example.com</translation>
    </message>
    <message>
        <source>--server must not contain a user name or password (https://user:password@…); give --user NAME and --password-env VAR or --token-env VAR instead</source>
        <translation>--server ne doit contenir ni nom d&apos;utilisateur ni mot de passe (https://utilisateur:motdepasse@…)&#xa0;; indiquez plutôt --user NAME et --password-env VAR ou --token-env VAR</translation>
    </message>
    <message>
        <source>use either --profile or --server, not both</source>
        <translation>utilisez soit --profile, soit --server, pas les deux</translation>
    </message>
</context>
<context>
    <name>ConsumerDraftCheck</name>
    <message>
        <source>Only Jira system administrators may allow impersonation, and you are not one. Turn impersonation off, or ask a system administrator to approve this consumer.</source>
        <translation>Seuls les administrateurs système Jira peuvent autoriser l&apos;emprunt d&apos;identité, et vous n&apos;en êtes pas un. Désactivez l&apos;emprunt d&apos;identité, ou demandez à un administrateur système d&apos;approuver ce consommateur.</translation>
    </message>
</context>
<context>
    <name>ConsumerRules</name>
    <message>
        <source>Enter the consumer key the application signs its requests with.</source>
        <translation>Saisissez la clé du consommateur avec laquelle l&apos;application signe ses requêtes.</translation>
    </message>
    <message>
        <source>The consumer key cannot contain spaces or line breaks.</source>
        <translation>La clé du consommateur ne peut pas contenir d&apos;espaces ni de sauts de ligne.</translation>
    </message>
    <message>
        <source>The consumer key is %1 characters long; at most %2 are allowed. Shorten it.</source>
        <translation>La clé du consommateur fait %1 caractères&#xa0;; %2 au maximum sont autorisés. Raccourcissez-la.</translation>
    </message>
    <message>
        <source>Enter a name: users see it when they allow access and on their token pages.</source>
        <translation>Saisissez un nom&#xa0;: les utilisateurs le voient lorsqu&apos;ils autorisent l&apos;accès et sur leurs pages de jetons.</translation>
    </message>
    <message>
        <source>The name is %1 characters long; at most %2 are allowed. Shorten it.</source>
        <translation>Le nom fait %1 caractères&#xa0;; %2 au maximum sont autorisés. Raccourcissez-le.</translation>
    </message>
    <message>
        <source>Remove the part from &quot;#&quot; on: a callback URL cannot have a fragment.</source>
        <translation>Supprimez la partie à partir de «&#xa0;#&#xa0;»&#xa0;: une URL de rappel ne peut pas contenir de fragment.</translation>
    </message>
    <message>
        <source>Enter the callback as an absolute http:// or https:// URL, such as https://app.example.com/oauth/callback, or leave it empty.</source>
        <translation>Saisissez le rappel sous forme d&apos;URL absolue http:// ou https://, par exemple https://app.example.com/oauth/callback, ou laissez-le vide.</translation>
    </message>
    <message>
        <source>The description is %1 characters long; at most %2 are allowed. Shorten it.</source>
        <translation>La description fait %1 caractères&#xa0;; %2 au maximum sont autorisés. Raccourcissez-la.</translation>
    </message>
    <message>
        <source>Paste the consumer&apos;s RSA public key, load it from a file, or generate a key pair.</source>
        <translation>Collez la clé publique RSA du consommateur, chargez-la depuis un fichier ou générez une paire de clés.</translation>
    </message>
    <message>
        <source>Enter the user that two-legged requests run as.</source>
        <translation>Saisissez l&apos;utilisateur au nom duquel s&apos;exécutent les requêtes à 2 acteurs.</translation>
    </message>
    <message>
        <source>An execute-as user applies only to two-legged OAuth: turn two-legged OAuth on, or clear the user.</source>
        <translation>Un utilisateur d&apos;exécution ne s&apos;applique qu&apos;à l&apos;OAuth à 2 acteurs&#xa0;: activez l&apos;OAuth à 2 acteurs, ou effacez l&apos;utilisateur.</translation>
    </message>
    <message>
        <source>The user name is %1 characters long; at most %2 are allowed.</source>
        <translation>Le nom d&apos;utilisateur fait %1 caractères&#xa0;; %2 au maximum sont autorisés.</translation>
    </message>
    <message>
        <source>Impersonation works only with two-legged OAuth: turn two-legged OAuth on, or impersonation off.</source>
        <translation>L&apos;emprunt d&apos;identité ne fonctionne qu&apos;avec l&apos;OAuth à 2 acteurs&#xa0;: activez l&apos;OAuth à 2 acteurs, ou désactivez l&apos;emprunt d&apos;identité.</translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>Cannot open the local database %1: %2</source>
        <translation>Impossible d&apos;ouvrir la base de données locale %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Cannot configure the local database: %1</source>
        <translation>Impossible de configurer la base de données locale&#xa0;: %1</translation>
    </message>
    <message>
        <source>Cannot read the database version: %1</source>
        <translation>Impossible de lire la version de la base de données&#xa0;: %1</translation>
    </message>
    <message>
        <source>Cannot read the database version.</source>
        <translation>Impossible de lire la version de la base de données.</translation>
    </message>
    <message>
        <source>The local database was written by a newer version of AccessDesk (schema %1; this version knows up to %2). It was left untouched.</source>
        <translation>La base de données locale a été écrite par une version plus récente d&apos;AccessDesk (schéma %1&#xa0;; cette version connaît jusqu&apos;au schéma %2). Elle n&apos;a pas été modifiée.</translation>
    </message>
    <message>
        <source>Cannot start migration %1: %2</source>
        <translation>Impossible de démarrer la migration %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>cannot read the database version</source>
        <translation>impossible de lire la version de la base de données</translation>
    </message>
    <message>
        <source>Migration %1 (%2) failed and was rolled back: %3</source>
        <translation>La migration %1 (%2) a échoué et a été annulée&#xa0;: %3</translation>
    </message>
</context>
<context>
    <name>DialogParts</name>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copier</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Copié</translation>
    </message>
</context>
<context>
    <name>ExpiryAnnouncements</name>
    <message>
        <source>Cannot read the announced grants: %1</source>
        <translation>Impossible de lire les autorisations annoncées&#xa0;: %1</translation>
    </message>
    <message>
        <source>An announced grant needs a server, an id and its expiry.</source>
        <translation>Une autorisation annoncée nécessite un serveur, un ID et sa date d&apos;expiration.</translation>
    </message>
    <message>
        <source>Cannot remember the announced grant: %1</source>
        <translation>Impossible de mémoriser l&apos;autorisation annoncée&#xa0;: %1</translation>
    </message>
    <message>
        <source>Cannot forget the expired announced grants: %1</source>
        <translation>Impossible d&apos;oublier les autorisations annoncées expirées&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>ExpiryNotice</name>
    <message numerus="yes">
        <source>Access expiring within %n day(s)</source>
        <comment>notification title</comment>
        <translation>
            <numerusform>Accès expirant d&apos;ici %n jour</numerusform>
            <numerusform>Accès expirant d&apos;ici %n jours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n grant(s) expire soon: %1. Open My access to replace or revoke them.</source>
        <translation>
            <numerusform>%n autorisation expire bientôt&#xa0;: %1. Ouvrez Mes accès pour la remplacer ou la révoquer.</numerusform>
            <numerusform>%n autorisations expirent bientôt&#xa0;: %1. Ouvrez Mes accès pour les remplacer ou les révoquer.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n grant(s) expire soon. Create a replacement for what you still need, and revoke the rest.</source>
        <translation>
            <numerusform>%n autorisation expire bientôt. Créez-en une de remplacement si vous en avez encore besoin, sinon révoquez-la.</numerusform>
            <numerusform>%n autorisations expirent bientôt. Créez un remplacement pour celles dont vous avez encore besoin, et révoquez les autres.</numerusform>
        </translation>
    </message>
    <message>
        <source>The personal access token “%1” expires on %2.</source>
        <translation>Le jeton d&apos;accès personnel «&#xa0;%1&#xa0;» expire le %2.</translation>
    </message>
    <message>
        <source>The access you gave “%1” expires on %2.</source>
        <translation>L&apos;accès que vous avez accordé à «&#xa0;%1&#xa0;» expire le %2.</translation>
    </message>
</context>
<context>
    <name>LoopbackResponsePage</name>
    <message>
        <source>You may close this window and return to AccessDesk.</source>
        <translation>Vous pouvez fermer cette fenêtre et revenir à AccessDesk.</translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation>Connecté</translation>
    </message>
    <message>
        <source>AccessDesk received the authorisation.</source>
        <translation>AccessDesk a reçu l&apos;autorisation.</translation>
    </message>
    <message>
        <source>Access not granted</source>
        <translation>Accès non accordé</translation>
    </message>
    <message>
        <source>You did not allow AccessDesk to access your account.</source>
        <translation>Vous n&apos;avez pas autorisé AccessDesk à accéder à votre compte.</translation>
    </message>
    <message>
        <source>Sign-in failed</source>
        <translation>Échec de la connexion</translation>
    </message>
    <message>
        <source>Not this sign-in</source>
        <translation>Pas cette connexion</translation>
    </message>
    <message>
        <source>This answer does not belong to the sign-in AccessDesk is waiting for (state mismatch). It was ignored; AccessDesk still waits for the right one.</source>
        <translation>Cette réponse n&apos;appartient pas à la connexion qu&apos;attend AccessDesk (état non concordant). Elle a été ignorée&#xa0;; AccessDesk attend toujours la bonne.</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Introuvable</translation>
    </message>
    <message>
        <source>This address is not part of the sign-in.</source>
        <translation>Cette adresse ne fait pas partie de la connexion.</translation>
    </message>
    <message>
        <source>Not allowed</source>
        <translation>Non autorisé</translation>
    </message>
    <message>
        <source>Only the browser&apos;s redirect is accepted here.</source>
        <translation>Seule la redirection du navigateur est acceptée ici.</translation>
    </message>
    <message>
        <source>Bad request</source>
        <translation>Requête incorrecte</translation>
    </message>
    <message>
        <source>The request could not be read.</source>
        <translation>La requête est illisible.</translation>
    </message>
</context>
<context>
    <name>NewAppLinkRules</name>
    <message>
        <source>“%1” is not an application type Jira knows.</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;est pas un type d&apos;application connu de Jira.</translation>
    </message>
    <message>
        <source>Choose one of: generic, jira, confluence, bamboo, stash (Bitbucket), fecru (Fisheye / Crucible), crowd.</source>
        <translation>Choisissez parmi&#xa0;: generic, jira, confluence, bamboo, stash (Bitbucket), fecru (Fisheye / Crucible), crowd.</translation>
    </message>
    <message>
        <source>a generic application</source>
        <translation>une application générique</translation>
    </message>
    <message>
        <source>The address has not been checked yet.</source>
        <translation>L&apos;adresse n&apos;a pas encore été vérifiée.</translation>
    </message>
    <message>
        <source>Check the address first.</source>
        <translation>Vérifiez d&apos;abord l&apos;adresse.</translation>
    </message>
    <message>
        <source>A two-way link is made between Atlassian applications; a generic link has only this end.</source>
        <translation>Un lien bidirectionnel se crée entre applications Atlassian&#xa0;; un lien générique n&apos;a que cette extrémité.</translation>
    </message>
    <message>
        <source>%1 is not an Atlassian application, so Jira cannot create the other end of the link there.</source>
        <translation>%1 n&apos;est pas une application Atlassian, Jira ne peut donc pas y créer l&apos;autre extrémité du lien.</translation>
    </message>
    <message>
        <source>Create a one-way link instead, and set up the other application yourself.</source>
        <translation>Créez plutôt un lien unidirectionnel, et configurez vous-même l&apos;autre application.</translation>
    </message>
    <message>
        <source>%1 answers, but it is not an Atlassian application, so it cannot be linked as %2.</source>
        <translation>%1 répond, mais ce n&apos;est pas une application Atlassian&#xa0;: elle ne peut donc pas être liée en tant que %2.</translation>
    </message>
    <message>
        <source>Create a generic link to it instead.</source>
        <translation>Créez plutôt un lien générique vers elle.</translation>
    </message>
    <message>
        <source>The application at %1 is %2, not %3.</source>
        <translation>L&apos;application à l&apos;adresse %1 est %2, et non %3.</translation>
    </message>
    <message>
        <source>Choose the type %1, or check the address.</source>
        <translation>Choisissez le type %1, ou vérifiez l&apos;adresse.</translation>
    </message>
    <message>
        <source>Enter the address of the application to link to.</source>
        <translation>Saisissez l&apos;adresse de l&apos;application à lier.</translation>
    </message>
    <message>
        <source>“%1” is not a web address.</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;est pas une adresse web.</translation>
    </message>
    <message>
        <source>Enter the application&apos;s base URL, starting with https:// or http://.</source>
        <translation>Saisissez l&apos;URL de base de l&apos;application, commençant par https:// ou http://.</translation>
    </message>
    <message>
        <source>Choose the type of application.</source>
        <translation>Choisissez le type d&apos;application.</translation>
    </message>
    <message>
        <source>Enter a name for the link.</source>
        <translation>Saisissez un nom pour le lien.</translation>
    </message>
    <message>
        <source>Enter the address users see, starting with https:// or http://.</source>
        <translation>Saisissez l&apos;adresse que voient les utilisateurs, commençant par https:// ou http://.</translation>
    </message>
    <message>
        <source>Create a one-way link instead.</source>
        <translation>Créez plutôt un lien unidirectionnel.</translation>
    </message>
    <message>
        <source>Enter the user name of an administrator of the remote application.</source>
        <translation>Saisissez le nom d&apos;utilisateur d&apos;un administrateur de l&apos;application distante.</translation>
    </message>
    <message>
        <source>Enter the password of the remote administrator.</source>
        <translation>Saisissez le mot de passe de l&apos;administrateur distant.</translation>
    </message>
    <message>
        <source>It is used once to create the other end, and never stored.</source>
        <translation>Il sert une seule fois à créer l&apos;autre extrémité, et n&apos;est jamais enregistré.</translation>
    </message>
    <message>
        <source>Enter the address the remote application reaches this Jira at, or leave it empty for Jira&apos;s base URL.</source>
        <translation>Saisissez l&apos;adresse à laquelle l&apos;application distante joint ce Jira, ou laissez vide pour l&apos;URL de base de Jira.</translation>
    </message>
    <message>
        <source>A link to %1 exists already: “%2”.</source>
        <translation>Un lien vers %1 existe déjà&#xa0;: «&#xa0;%2&#xa0;».</translation>
    </message>
    <message>
        <source>Edit that link instead, or delete it first.</source>
        <translation>Modifiez plutôt ce lien, ou supprimez-le d&apos;abord.</translation>
    </message>
    <message>
        <source>Another link is already called “%1”.</source>
        <translation>Un autre lien s&apos;appelle déjà «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>Choose another name.</source>
        <translation>Choisissez un autre nom.</translation>
    </message>
</context>
<context>
    <name>OAuth2ClientRules</name>
    <message>
        <source>Enter a name for the client.</source>
        <translation>Saisissez un nom pour le client.</translation>
    </message>
    <message>
        <source>The name is %1 characters long; Jira allows at most %2. Shorten it.</source>
        <translation>Le nom fait %1 caractères&#xa0;; Jira en autorise au plus %2. Raccourcissez-le.</translation>
    </message>
    <message>
        <source>A client with this name already exists. Choose another name.</source>
        <translation>Un client portant ce nom existe déjà. Choisissez un autre nom.</translation>
    </message>
    <message>
        <source>Choose a scope: READ, WRITE, ADMIN or SYSTEM_ADMIN.</source>
        <translation>Choisissez une portée&#xa0;: READ, WRITE, ADMIN ou SYSTEM_ADMIN.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a scope Jira knows. Choose READ, WRITE, ADMIN or SYSTEM_ADMIN.</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;est pas une portée connue de Jira. Choisissez READ, WRITE, ADMIN ou SYSTEM_ADMIN.</translation>
    </message>
    <message>
        <source>The URL is %1 characters long; Jira allows at most %2.</source>
        <translation>L&apos;URL fait %1 caractères&#xa0;; Jira en autorise au plus %2.</translation>
    </message>
    <message>
        <source>This is not a complete URL. Enter an absolute URL such as https://app.example.com/callback.</source>
        <translation>Ce n&apos;est pas une URL complète. Saisissez une URL absolue telle que https://app.example.com/callback.</translation>
    </message>
    <message>
        <source>Remove the part from &quot;#&quot; on: Jira does not allow a fragment in a redirect URL.</source>
        <translation>Supprimez la partie à partir de «&#xa0;#&#xa0;»&#xa0;: Jira n&apos;autorise pas de fragment dans une URL de redirection.</translation>
    </message>
    <message>
        <source>Use an https:// URL. Jira accepts plain http:// only for localhost, 127.0.0.1 and [::1].</source>
        <translation>Utilisez une URL https://. Jira n&apos;accepte le simple http:// que pour localhost, 127.0.0.1 et [::1].</translation>
    </message>
    <message>
        <source>Line %1: %2</source>
        <translation>Ligne %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Enter at least one redirect URL.</source>
        <translation>Saisissez au moins une URL de redirection.</translation>
    </message>
</context>
<context>
    <name>OfflineCache</name>
    <message>
        <source>A cached list needs a profile, a kind and a time.</source>
        <translation>Une liste en cache nécessite un profil, un type et une heure.</translation>
    </message>
    <message>
        <source>Cannot cache the list: %1</source>
        <translation>Impossible de mettre la liste en cache&#xa0;: %1</translation>
    </message>
    <message>
        <source>Cannot read the cached list: %1</source>
        <translation>Impossible de lire la liste en cache&#xa0;: %1</translation>
    </message>
    <message>
        <source>Cannot clear the cached lists: %1</source>
        <translation>Impossible d&apos;effacer les listes en cache&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>PrivateFiles</name>
    <message>
        <source>The folder %1 could not be created.</source>
        <translation>Le dossier %1 n&apos;a pas pu être créé.</translation>
    </message>
    <message>
        <source>Access to the folder %1 could not be limited to you.</source>
        <translation>L&apos;accès au dossier %1 n&apos;a pas pu être limité à vous seul.</translation>
    </message>
    <message>
        <source>%1 is not a regular file.</source>
        <translation>%1 n&apos;est pas un fichier ordinaire.</translation>
    </message>
    <message>
        <source>%1 could not be created: %2</source>
        <translation>%1 n&apos;a pas pu être créé&#xa0;: %2</translation>
    </message>
    <message>
        <source>Access to %1 could not be limited to you.</source>
        <translation>L&apos;accès à %1 n&apos;a pas pu être limité à vous seul.</translation>
    </message>
</context>
<context>
    <name>PrivateKeyFile</name>
    <message>
        <source>The folder &quot;%1&quot; does not exist. Choose an existing folder for the private key.</source>
        <translation>Le dossier «&#xa0;%1&#xa0;» n&apos;existe pas. Choisissez un dossier existant pour la clé privée.</translation>
    </message>
    <message>
        <source>AccessDesk may not write in the folder &quot;%1&quot;. Choose a folder you can write to.</source>
        <translation>AccessDesk n&apos;a pas le droit d&apos;écrire dans le dossier «&#xa0;%1&#xa0;». Choisissez un dossier dans lequel vous pouvez écrire.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; already exists. Choose another file name, or confirm that the existing file may be replaced.</source>
        <translation>«&#xa0;%1&#xa0;» existe déjà. Choisissez un autre nom de fichier, ou confirmez que le fichier existant peut être remplacé.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a folder. Choose a file name for the private key.</source>
        <translation>«&#xa0;%1&#xa0;» est un dossier. Choisissez un nom de fichier pour la clé privée.</translation>
    </message>
    <message>
        <source>There is not enough space to write &quot;%1&quot; (the disk or your quota is full). Free some space or choose another folder.</source>
        <translation>L&apos;espace est insuffisant pour écrire «&#xa0;%1&#xa0;» (le disque ou votre quota est plein). Libérez de l&apos;espace ou choisissez un autre dossier.</translation>
    </message>
    <message>
        <source>Could not write &quot;%1&quot;: %2.</source>
        <translation>Impossible d&apos;écrire «&#xa0;%1&#xa0;»&#xa0;: %2.</translation>
    </message>
    <message>
        <source>Choose a file to write the private key to.</source>
        <translation>Choisissez un fichier dans lequel écrire la clé privée.</translation>
    </message>
</context>
<context>
    <name>ProfileStore</name>
    <message>
        <source>The profile needs a name.</source>
        <translation>Le profil doit avoir un nom.</translation>
    </message>
    <message>
        <source>The profile name must not start or end with spaces.</source>
        <translation>Le nom du profil ne doit pas commencer ni se terminer par des espaces.</translation>
    </message>
    <message>
        <source>The profile name must not contain / or \.</source>
        <translation>Le nom du profil ne doit pas contenir / ni \.</translation>
    </message>
    <message>
        <source>A profile named &quot;%1&quot; already exists.</source>
        <translation>Un profil nommé «&#xa0;%1&#xa0;» existe déjà.</translation>
    </message>
    <message>
        <source>The server address must be an http:// or https:// URL.</source>
        <translation>L&apos;adresse du serveur doit être une URL http:// ou https://.</translation>
    </message>
    <message>
        <source>The server address must not contain a user name or password.</source>
        <translation>L&apos;adresse du serveur ne doit pas contenir de nom d&apos;utilisateur ni de mot de passe.</translation>
    </message>
    <message>
        <source>The server address must not contain a query or fragment.</source>
        <translation>L&apos;adresse du serveur ne doit pas contenir de requête ni de fragment.</translation>
    </message>
    <message>
        <source>The timeout must be at least one second.</source>
        <translation>Le délai d&apos;attente doit être d&apos;au moins une seconde.</translation>
    </message>
    <message>
        <source>The pinned certificate must be a SHA-256 fingerprint (64 hex digits).</source>
        <translation>Le certificat épinglé doit être une empreinte SHA-256 (64 chiffres hexadécimaux).</translation>
    </message>
    <message>
        <source>OAuth 1.0a needs a consumer key.</source>
        <translation>OAuth 1.0a nécessite une clé du consommateur.</translation>
    </message>
    <message>
        <source>OAuth 2.0 needs a client id.</source>
        <translation>OAuth 2.0 nécessite un ID client.</translation>
    </message>
    <message>
        <source>Option names must not be empty or contain / or \.</source>
        <translation>Les noms d&apos;option ne doivent pas être vides ni contenir / ou \.</translation>
    </message>
    <message>
        <source>The option &quot;%1&quot; looks like a secret; secrets belong in the keychain, not in the profile.</source>
        <translation>L&apos;option «&#xa0;%1&#xa0;» ressemble à un secret&#xa0;; les secrets vont dans le trousseau, pas dans le profil.</translation>
    </message>
    <message>
        <source>The profiles could not be written to %1.</source>
        <translation>Les profils n&apos;ont pas pu être écrits dans %1.</translation>
    </message>
</context>
<context>
    <name>RelativeTime</name>
    <message>
        <source>in less than a minute</source>
        <translation>dans moins d&apos;une minute</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>à l&apos;instant</translation>
    </message>
    <message numerus="yes">
        <source>in %n minute(s)</source>
        <translation>
            <numerusform>dans %n minute</numerusform>
            <numerusform>dans %n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) ago</source>
        <translation>
            <numerusform>il y a %n minute</numerusform>
            <numerusform>il y a %n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n hour(s)</source>
        <translation>
            <numerusform>dans %n heure</numerusform>
            <numerusform>dans %n heures</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>il y a %n heure</numerusform>
            <numerusform>il y a %n heures</numerusform>
        </translation>
    </message>
    <message>
        <source>tomorrow</source>
        <translation>demain</translation>
    </message>
    <message>
        <source>yesterday</source>
        <translation>hier</translation>
    </message>
    <message numerus="yes">
        <source>in %n day(s)</source>
        <translation>
            <numerusform>dans %n jour</numerusform>
            <numerusform>dans %n jours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>il y a %n jour</numerusform>
            <numerusform>il y a %n jours</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RevokeWording</name>
    <message>
        <source>Revoke this grant?</source>
        <translation>Révoquer cette autorisation&#xa0;?</translation>
    </message>
    <message>
        <source>Revoke these %1 grants?</source>
        <translation>Révoquer ces %1 autorisations&#xa0;?</translation>
    </message>
    <message>
        <source>%1 can then see only public data.</source>
        <translation>%1 ne pourra alors voir que les données publiques.</translation>
    </message>
    <message>
        <source>Scripts and tools using %1 will be refused.</source>
        <translation>Les scripts et outils qui utilisent %1 seront refusés.</translation>
    </message>
    <message>
        <source>If you revoke it, %1 can then see only public data.</source>
        <translation>Si vous la révoquez, %1 ne pourra alors voir que les données publiques.</translation>
    </message>
    <message>
        <source>If you revoke it, scripts and tools using %1 will be refused.</source>
        <translation>Si vous la révoquez, les scripts et outils qui utilisent %1 seront refusés.</translation>
    </message>
    <message numerus="yes">
        <source>…and %n more application(s); they too can then see only public data.</source>
        <translation>
            <numerusform>…et %n autre application&#xa0;; elle aussi ne pourra alors voir que les données publiques.</numerusform>
            <numerusform>…et %n autres applications&#xa0;; elles aussi ne pourront alors voir que les données publiques.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>…and %n more personal access token(s); scripts and tools using them will be refused.</source>
        <translation>
            <numerusform>…et %n autre jeton d&apos;accès personnel&#xa0;; les scripts et outils qui l&apos;utilisent seront refusés.</numerusform>
            <numerusform>…et %n autres jetons d&apos;accès personnels&#xa0;; les scripts et outils qui les utilisent seront refusés.</numerusform>
        </translation>
    </message>
    <message>
        <source>These applications can then see only public data.</source>
        <translation>Ces applications ne pourront alors voir que les données publiques.</translation>
    </message>
    <message>
        <source>Scripts and tools using these tokens will be refused.</source>
        <translation>Les scripts et outils qui utilisent ces jetons seront refusés.</translation>
    </message>
    <message>
        <source>The applications can then see only public data, and scripts and tools using the personal access tokens will be refused.</source>
        <translation>Les applications ne pourront alors voir que les données publiques, et les scripts et outils qui utilisent les jetons d&apos;accès personnels seront refusés.</translation>
    </message>
    <message>
        <source>This cannot be undone; the application would have to ask again.</source>
        <translation>Cette action est irréversible&#xa0;; l&apos;application devrait redemander l&apos;accès.</translation>
    </message>
    <message>
        <source>This cannot be undone; a new token would have to be created and put in place.</source>
        <translation>Cette action est irréversible&#xa0;; il faudrait créer un nouveau jeton et le mettre en place.</translation>
    </message>
    <message>
        <source>This cannot be undone; the applications would have to ask again, and new tokens would have to be created and put in place.</source>
        <translation>Cette action est irréversible&#xa0;; les applications devraient redemander l&apos;accès, et il faudrait créer de nouveaux jetons et les mettre en place.</translation>
    </message>
    <message>
        <source>• %1</source>
        <comment>a line of a bulleted list</comment>
        <translation>• %1</translation>
    </message>
</context>
<context>
    <name>RsaKeyPairFile</name>
    <message>
        <source>AccessDesk generates RSA keys of 2048, 3072 or 4096 bits, not %1.</source>
        <translation>AccessDesk génère des clés RSA de 2048, 3072 ou 4096 bits, pas de %1.</translation>
    </message>
    <message>
        <source>Could not export the new private key.</source>
        <translation>Impossible d&apos;exporter la nouvelle clé privée.</translation>
    </message>
</context>
<context>
    <name>RsaPrivateKey</name>
    <message>
        <source>This is not an RSA key. Jira&apos;s OAuth 1.0a consumers sign with RSA-SHA1, so the key must be an RSA key.</source>
        <translation>Ce n&apos;est pas une clé RSA. Les consommateurs OAuth 1.0a de Jira signent avec RSA-SHA1&#xa0;: la clé doit donc être une clé RSA.</translation>
    </message>
    <message>
        <source>This is not a PEM private key: there is no &quot;-----BEGIN PRIVATE KEY-----&quot; or &quot;-----BEGIN RSA PRIVATE KEY-----&quot; line.</source>
        <translation>Ce n&apos;est pas une clé privée PEM&#xa0;: il n&apos;y a pas de ligne «&#xa0;-----BEGIN PRIVATE KEY-----&#xa0;» ni «&#xa0;-----BEGIN RSA PRIVATE KEY-----&#xa0;».</translation>
    </message>
    <message>
        <source>The private key is protected by a passphrase. Save it without one (for example with &quot;openssl pkey -in key.pem -out plain.pem&quot;); AccessDesk keeps it in the system keychain instead.</source>
        <translation>La clé privée est protégée par une phrase secrète. Enregistrez-la sans (par exemple avec «&#xa0;openssl pkey -in key.pem -out plain.pem&#xa0;»)&#xa0;; AccessDesk la conserve plutôt dans le trousseau du système.</translation>
    </message>
    <message>
        <source>The private key could not be read; it is truncated or damaged.</source>
        <translation>La clé privée est illisible&#xa0;; elle est tronquée ou endommagée.</translation>
    </message>
    <message>
        <source>This is a public key or certificate. Jira holds the public key; AccessDesk needs the private key that belongs to it.</source>
        <translation>C&apos;est une clé publique ou un certificat. Jira détient la clé publique&#xa0;; AccessDesk a besoin de la clé privée qui lui correspond.</translation>
    </message>
    <message>
        <source>This is an OpenSSH key. Convert it to PEM first (for example with &quot;ssh-keygen -p -m PEM -f key&quot;).</source>
        <translation>C&apos;est une clé OpenSSH. Convertissez-la d&apos;abord en PEM (par exemple avec «&#xa0;ssh-keygen -p -m PEM -f key&#xa0;»).</translation>
    </message>
    <message>
        <source>Unsupported PEM block &quot;%1&quot;; expected &quot;BEGIN PRIVATE KEY&quot; or &quot;BEGIN RSA PRIVATE KEY&quot;.</source>
        <translation>Bloc PEM «&#xa0;%1&#xa0;» non pris en charge&#xa0;; «&#xa0;BEGIN PRIVATE KEY&#xa0;» ou «&#xa0;BEGIN RSA PRIVATE KEY&#xa0;» attendu.</translation>
    </message>
    <message>
        <source>The private key is empty.</source>
        <translation>La clé privée est vide.</translation>
    </message>
    <message>
        <source>Could not generate an RSA key of %1 bits.</source>
        <translation>Impossible de générer une clé RSA de %1 bits.</translation>
    </message>
</context>
<context>
    <name>RsaPublicKey</name>
    <message>
        <source>This is not a public key. Paste the consumer&apos;s RSA public key: a block that starts with &quot;-----BEGIN PUBLIC KEY-----&quot;, or the bare base64 text (it usually starts with &quot;MII&quot;).</source>
        <translation>Ce n&apos;est pas une clé publique. Collez la clé publique RSA du consommateur&#xa0;: un bloc commençant par «&#xa0;-----BEGIN PUBLIC KEY-----&#xa0;», ou le texte base64 seul (il commence généralement par «&#xa0;MII&#xa0;»).</translation>
    </message>
    <message>
        <source>The public key is truncated or damaged. Copy it again in full: from &quot;-----BEGIN PUBLIC KEY-----&quot; to &quot;-----END PUBLIC KEY-----&quot;, or the whole base64 text.</source>
        <translation>La clé publique est tronquée ou endommagée. Copiez-la de nouveau en entier&#xa0;: de «&#xa0;-----BEGIN PUBLIC KEY-----&#xa0;» à «&#xa0;-----END PUBLIC KEY-----&#xa0;», ou tout le texte base64.</translation>
    </message>
    <message>
        <source>This is a private key. It must stay secret with the consumer application: do not paste it here or send it to anyone. Paste its public key instead (for example the output of &quot;openssl pkey -in private.pem -pubout&quot;).</source>
        <translation>C&apos;est une clé privée. Elle doit rester secrète, chez l&apos;application consommatrice&#xa0;: ne la collez pas ici et ne l&apos;envoyez à personne. Collez plutôt sa clé publique (par exemple la sortie de «&#xa0;openssl pkey -in private.pem -pubout&#xa0;»).</translation>
    </message>
    <message>
        <source>This is a &quot;%1&quot; block, not a public key. Paste the consumer&apos;s &quot;-----BEGIN PUBLIC KEY-----&quot; block or its &quot;-----BEGIN CERTIFICATE-----&quot; block.</source>
        <translation>C&apos;est un bloc «&#xa0;%1&#xa0;», pas une clé publique. Collez le bloc «&#xa0;-----BEGIN PUBLIC KEY-----&#xa0;» du consommateur ou son bloc «&#xa0;-----BEGIN CERTIFICATE-----&#xa0;».</translation>
    </message>
    <message>
        <source>an elliptic-curve (EC)</source>
        <translation>à courbe elliptique (EC)</translation>
    </message>
    <message>
        <source>a DSA</source>
        <translation>DSA</translation>
    </message>
    <message>
        <source>an EdDSA (%1)</source>
        <translation>EdDSA (%1)</translation>
    </message>
    <message>
        <source>a %1</source>
        <translation>%1</translation>
    </message>
    <message>
        <source>non-RSA</source>
        <translation>non RSA</translation>
    </message>
    <message>
        <source>This RSA key is restricted to RSA-PSS signatures, but Jira&apos;s OAuth consumers sign with RSA-SHA1. Generate a plain RSA key pair of at least %1 bits.</source>
        <translation>Cette clé RSA est limitée aux signatures RSA-PSS, mais les consommateurs OAuth de Jira signent avec RSA-SHA1. Générez une paire de clés RSA simple d&apos;au moins %1 bits.</translation>
    </message>
    <message>
        <source>This is %1 key, not an RSA key. Jira&apos;s OAuth consumers sign with RSA-SHA1: generate an RSA key pair of at least %2 bits and paste its public key.</source>
        <translation>C&apos;est une clé %1, pas une clé RSA. Les consommateurs OAuth de Jira signent avec RSA-SHA1&#xa0;: générez une paire de clés RSA d&apos;au moins %2 bits et collez sa clé publique.</translation>
    </message>
    <message>
        <source>This RSA key has %1 bits, fewer than the %2 bits required. Generate a new key pair of at least %2 bits and paste its public key.</source>
        <translation>Cette clé RSA a %1 bits, moins que les %2 bits requis. Générez une nouvelle paire de clés d&apos;au moins %2 bits et collez sa clé publique.</translation>
    </message>
    <message>
        <source>This RSA key has %1 bits; Jira accepts at most %2. Generate a key pair of 2048 to 4096 bits.</source>
        <translation>Cette clé RSA a %1 bits&#xa0;; Jira en accepte au plus %2. Générez une paire de clés de 2048 à 4096 bits.</translation>
    </message>
    <message>
        <source>This is %1 KB of text, far more than a public key (a few hundred characters). Check that you chose the public key file.</source>
        <translation>Ce texte fait %1 Ko, bien plus qu&apos;une clé publique (quelques centaines de caractères). Vérifiez que vous avez choisi le fichier de clé publique.</translation>
    </message>
    <message>
        <source>The public key is empty. Paste the consumer&apos;s RSA public key or load it from a file.</source>
        <translation>La clé publique est vide. Collez la clé publique RSA du consommateur ou chargez-la depuis un fichier.</translation>
    </message>
    <message>
        <source>This is an OpenSSH public key. Convert it to PEM first (for example with &quot;ssh-keygen -e -m PKCS8 -f key.pub&quot;) and paste the result.</source>
        <translation>C&apos;est une clé publique OpenSSH. Convertissez-la d&apos;abord en PEM (par exemple avec «&#xa0;ssh-keygen -e -m PKCS8 -f key.pub&#xa0;») et collez le résultat.</translation>
    </message>
</context>
<context>
    <name>StaleTokenRule</name>
    <message>
        <source>never used</source>
        <translation>jamais utilisé</translation>
    </message>
    <message numerus="yes">
        <source>not used in the last %n day(s)</source>
        <translation>
            <numerusform>non utilisé depuis %n jour</numerusform>
            <numerusform>non utilisé depuis %n jours</numerusform>
        </translation>
    </message>
    <message>
        <source>expired</source>
        <translation>expiré</translation>
    </message>
    <message numerus="yes">
        <source>expiring within %n day(s)</source>
        <translation>
            <numerusform>expirant dans %n jour</numerusform>
            <numerusform>expirant dans %n jours</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TableViews</name>
    <message>
        <source>Filter (Ctrl+F)</source>
        <translation>Filtrer (Ctrl+F)</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Rechercher</translation>
    </message>
    <message>
        <source>Shows only the rows that contain the text. Esc clears it.</source>
        <translation>N&apos;affiche que les lignes qui contiennent le texte. Échap l&apos;efface.</translation>
    </message>
</context>
<context>
    <name>TokenSweepReceipt</name>
    <message>
        <source>No file name was given for the receipt.</source>
        <translation>Aucun nom de fichier n&apos;a été indiqué pour le reçu.</translation>
    </message>
    <message>
        <source>“%1” already exists.</source>
        <translation>«&#xa0;%1&#xa0;» existe déjà.</translation>
    </message>
    <message>
        <source>“%1” is a link; give the path of a regular file.</source>
        <translation>«&#xa0;%1&#xa0;» est un lien&#xa0;; indiquez le chemin d&apos;un fichier ordinaire.</translation>
    </message>
    <message>
        <source>“%1” is not a regular file.</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;est pas un fichier ordinaire.</translation>
    </message>
    <message>
        <source>The folder “%1” does not exist.</source>
        <translation>Le dossier «&#xa0;%1&#xa0;» n&apos;existe pas.</translation>
    </message>
    <message>
        <source>The folder “%1” cannot be written to.</source>
        <translation>Le dossier «&#xa0;%1&#xa0;» n&apos;est pas accessible en écriture.</translation>
    </message>
    <message>
        <source>“%1” could not be created: %2</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;a pas pu être créé&#xa0;: %2</translation>
    </message>
    <message>
        <source>“%1” could not be written: %2</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;a pas pu être écrit&#xa0;: %2</translation>
    </message>
    <message>
        <source>“%1” could not be replaced: %2</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;a pas pu être remplacé&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>accessdesk::AccessGrantModel</name>
    <message>
        <source>expired</source>
        <translation>expiré</translation>
    </message>
    <message>
        <source>expires soon</source>
        <translation>expire bientôt</translation>
    </message>
    <message>
        <source>never used</source>
        <translation>jamais utilisé</translation>
    </message>
    <message>
        <source>OAuth 1.0a</source>
        <translation>OAuth 1.0a</translation>
    </message>
    <message>
        <source>OAuth 2.0</source>
        <translation>OAuth 2.0</translation>
    </message>
    <message>
        <source>Personal token</source>
        <translation>Jeton personnel</translation>
    </message>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>Application</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Émis</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Expire</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>Dernière utilisation</translation>
    </message>
    <message>
        <source>Scopes</source>
        <translation>Portées</translation>
    </message>
</context>
<context>
    <name>accessdesk::ActivityModel</name>
    <message>
        <source>Revoke access</source>
        <translation>Révoquer l&apos;accès</translation>
    </message>
    <message>
        <source>Create personal token</source>
        <translation>Créer un jeton personnel</translation>
    </message>
    <message>
        <source>Revoke a user&apos;s personal token</source>
        <translation>Révoquer le jeton personnel d&apos;un utilisateur</translation>
    </message>
    <message>
        <source>Allow a request for access</source>
        <translation>Accepter une demande d&apos;accès</translation>
    </message>
    <message>
        <source>Deny a request for access</source>
        <translation>Refuser une demande d&apos;accès</translation>
    </message>
    <message>
        <source>Create an application link</source>
        <translation>Créer un lien d&apos;application</translation>
    </message>
    <message>
        <source>Change an application link</source>
        <translation>Modifier un lien d&apos;application</translation>
    </message>
    <message>
        <source>Relocate an application link</source>
        <translation>Déplacer un lien d&apos;application</translation>
    </message>
    <message>
        <source>Make an application link primary</source>
        <translation>Faire d&apos;un lien d&apos;application le lien principal</translation>
    </message>
    <message>
        <source>Set up OAuth on an application link</source>
        <translation>Configurer OAuth sur un lien d&apos;application</translation>
    </message>
    <message>
        <source>Delete an application link</source>
        <translation>Supprimer un lien d&apos;application</translation>
    </message>
    <message>
        <source>Delete an application link on both ends</source>
        <translation>Supprimer un lien d&apos;application aux deux extrémités</translation>
    </message>
    <message>
        <source>Approve an OAuth consumer</source>
        <translation>Approuver un consommateur OAuth</translation>
    </message>
    <message>
        <source>Remove an OAuth consumer</source>
        <translation>Supprimer un consommateur OAuth</translation>
    </message>
    <message>
        <source>Create an OAuth 2.0 client</source>
        <translation>Créer un client OAuth 2.0</translation>
    </message>
    <message>
        <source>Change an OAuth 2.0 client</source>
        <translation>Modifier un client OAuth 2.0</translation>
    </message>
    <message>
        <source>Reset an OAuth 2.0 client&apos;s secret</source>
        <translation>Réinitialiser le secret d&apos;un client OAuth 2.0</translation>
    </message>
    <message>
        <source>Delete an OAuth 2.0 client</source>
        <translation>Supprimer un client OAuth 2.0</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>en cours</translation>
    </message>
    <message>
        <source>succeeded</source>
        <translation>réussi</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>échoué</translation>
    </message>
    <message>
        <source>unknown (interrupted)</source>
        <translation>inconnu (interrompu)</translation>
    </message>
    <message>
        <source>unknown (not confirmed)</source>
        <translation>inconnu (non confirmé)</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Serveur</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Terminé</translation>
    </message>
</context>
<context>
    <name>accessdesk::ActivityPage</name>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exporter en CSV…</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Activité</translation>
    </message>
    <message>
        <source>Filter activity</source>
        <translation>Filtrer l&apos;activité</translation>
    </message>
    <message>
        <source>All outcomes</source>
        <translation>Tous les résultats</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>Réussi</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Échoué</translation>
    </message>
    <message>
        <source>Unknown (interrupted)</source>
        <translation>Inconnu (interrompu)</translation>
    </message>
    <message>
        <source>Unknown (not confirmed)</source>
        <translation>Inconnu (non confirmé)</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Show outcome</source>
        <translation>Afficher le résultat</translation>
    </message>
    <message>
        <source>Show only actions with this outcome</source>
        <translation>N&apos;afficher que les actions ayant ce résultat</translation>
    </message>
    <message>
        <source>Refresh the activity</source>
        <translation>Actualiser l&apos;activité</translation>
    </message>
    <message>
        <source>Export the shown activity as CSV</source>
        <translation>Exporter l&apos;activité affichée en CSV</translation>
    </message>
    <message>
        <source>Save the rows shown (after filtering) as a CSV file</source>
        <translation>Enregistrer les lignes affichées (après filtrage) dans un fichier CSV</translation>
    </message>
    <message>
        <source>Activity entries</source>
        <translation>Entrées d&apos;activité</translation>
    </message>
    <message>
        <source>Activity details</source>
        <translation>Détails de l&apos;activité</translation>
    </message>
    <message>
        <source>No activity yet</source>
        <translation>Aucune activité pour l&apos;instant</translation>
    </message>
    <message>
        <source>Activity status</source>
        <translation>État de l&apos;activité</translation>
    </message>
    <message>
        <source>The activity record is not available, so changes made now are not listed here.</source>
        <translation>Le registre d&apos;activité n&apos;est pas disponible&#xa0;: les modifications faites maintenant n&apos;apparaissent donc pas ici.</translation>
    </message>
    <message>
        <source>The activity record could not be read: %1</source>
        <translation>Le registre d&apos;activité n&apos;a pas pu être lu&#xa0;: %1</translation>
    </message>
    <message>
        <source>Nothing has been changed from this computer yet.

Every change made with AccessDesk — revoking access, creating a personal token, administering a server — will be listed here: when it happened, on which server, as which user, and whether it worked. A change that was cut short before the server answered is listed as “unknown (interrupted)”, so nothing goes unrecorded.</source>
        <translation>Rien n&apos;a encore été modifié depuis cet ordinateur.

Chaque modification faite avec AccessDesk — révocation d&apos;accès, création d&apos;un jeton personnel, administration d&apos;un serveur — sera listée ici&#xa0;: quand elle a eu lieu, sur quel serveur, sous quel utilisateur, et si elle a réussi. Une modification interrompue avant la réponse du serveur est listée comme «&#xa0;inconnu (interrompu)&#xa0;», pour que rien ne passe inaperçu.</translation>
    </message>
    <message>
        <source>Could not read the activity record: %1</source>
        <translation>Impossible de lire le registre d&apos;activité&#xa0;: %1</translation>
    </message>
    <message>
        <source>1 entry</source>
        <translation>1 entrée</translation>
    </message>
    <message>
        <source>%1 entries</source>
        <translation>%1 entrées</translation>
    </message>
    <message>
        <source>No entry matches the filter (%1 in all).</source>
        <translation>Aucune entrée ne correspond au filtre (%1 au total).</translation>
    </message>
    <message>
        <source>%1 of %2 entries shown</source>
        <translation>%1 entrées affichées sur %2</translation>
    </message>
    <message>
        <source>(only the newest %1 are listed)</source>
        <translation>(seules les %1 plus récentes sont listées)</translation>
    </message>
    <message>
        <source>Select an entry to see all it records.</source>
        <translation>Sélectionnez une entrée pour voir tout ce qu&apos;elle enregistre.</translation>
    </message>
    <message>
        <source>Outcome: %1</source>
        <translation>Résultat&#xa0;: %1</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Erreur&#xa0;: %1</translation>
    </message>
    <message>
        <source>Started: %1</source>
        <translation>Début&#xa0;: %1</translation>
    </message>
    <message>
        <source>Completed: %1</source>
        <translation>Fin&#xa0;: %1</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>Serveur&#xa0;: %1</translation>
    </message>
    <message>
        <source>Profile: %1</source>
        <translation>Profil&#xa0;: %1</translation>
    </message>
    <message>
        <source>User: %1</source>
        <translation>Utilisateur&#xa0;: %1</translation>
    </message>
    <message>
        <source>AccessDesk stopped before the server answered, so it is not known whether this change was made. Check the server to be sure.</source>
        <translation>AccessDesk s&apos;est arrêté avant la réponse du serveur&#xa0;: on ne sait donc pas si cette modification a été faite. Vérifiez sur le serveur pour en être sûr.</translation>
    </message>
    <message>
        <source>The request was sent, but its answer was lost and AccessDesk could not see afterwards whether the change was made. Check the server to be sure.</source>
        <translation>La requête a été envoyée, mais sa réponse a été perdue et AccessDesk n&apos;a pas pu vérifier ensuite si la modification a été faite. Vérifiez sur le serveur pour en être sûr.</translation>
    </message>
</context>
<context>
    <name>accessdesk::AdminClientsTab</name>
    <message>
        <source>OAuth 2.0 clients</source>
        <translation>Clients OAuth 2.0</translation>
    </message>
    <message>
        <source>&amp;Create…</source>
        <translation>&amp;Créer…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Modifier…</translation>
    </message>
    <message>
        <source>Reset &amp;secret…</source>
        <translation>Réinitialiser le &amp;secret…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>S&amp;upprimer…</translation>
    </message>
    <message>
        <source>No OAuth 2.0 clients are registered on this server.</source>
        <translation>Aucun client OAuth 2.0 n&apos;est enregistré sur ce serveur.</translation>
    </message>
    <message>
        <source>Create an OAuth 2.0 client</source>
        <translation>Créer un client OAuth 2.0</translation>
    </message>
    <message>
        <source>Edit the selected OAuth 2.0 client</source>
        <translation>Modifier le client OAuth 2.0 sélectionné</translation>
    </message>
    <message>
        <source>Reset the secret of the selected OAuth 2.0 client</source>
        <translation>Réinitialiser le secret du client OAuth 2.0 sélectionné</translation>
    </message>
    <message>
        <source>Give the client a new secret; the old one stops working (asks first)</source>
        <translation>Donner un nouveau secret au client&#xa0;; l&apos;ancien cesse de fonctionner (avec confirmation)</translation>
    </message>
    <message>
        <source>Delete the selected OAuth 2.0 client</source>
        <translation>Supprimer le client OAuth 2.0 sélectionné</translation>
    </message>
    <message>
        <source>Delete the client and every authorisation made through it (asks first)</source>
        <translation>Supprimer le client et toutes les autorisations accordées par son intermédiaire (avec confirmation)</translation>
    </message>
    <message>
        <source>OAuth 2.0 clients are not available</source>
        <translation>Les clients OAuth 2.0 ne sont pas disponibles</translation>
    </message>
    <message>
        <source>No OAuth 2.0 provider on this server</source>
        <translation>Aucun fournisseur OAuth 2.0 sur ce serveur</translation>
    </message>
    <message>
        <source>Check &amp;again</source>
        <translation>&amp;Vérifier à nouveau</translation>
    </message>
    <message>
        <source>Check again whether the server has OAuth 2.0 clients</source>
        <translation>Vérifier à nouveau si le serveur a des clients OAuth 2.0</translation>
    </message>
    <message>
        <source>1 OAuth 2.0 client</source>
        <translation>1 client OAuth 2.0</translation>
    </message>
    <message>
        <source>%1 OAuth 2.0 clients</source>
        <translation>%1 clients OAuth 2.0</translation>
    </message>
    <message>
        <source>Reset client secret</source>
        <translation>Réinitialiser le secret client</translation>
    </message>
    <message>
        <source>Reset the secret of the OAuth 2.0 client “%1” (client ID %2)?</source>
        <translation>Réinitialiser le secret du client OAuth 2.0 «&#xa0;%1&#xa0;» (ID client %2)&#xa0;?</translation>
    </message>
    <message>
        <source>Reset secret</source>
        <translation>Réinitialiser le secret</translation>
    </message>
    <message>
        <source>Delete OAuth 2.0 client</source>
        <translation>Supprimer le client OAuth 2.0</translation>
    </message>
    <message>
        <source>Delete the OAuth 2.0 client “%1” (client ID %2)?</source>
        <translation>Supprimer le client OAuth 2.0 «&#xa0;%1&#xa0;» (ID client %2)&#xa0;?</translation>
    </message>
    <message>
        <source>Delete client</source>
        <translation>Supprimer le client</translation>
    </message>
</context>
<context>
    <name>accessdesk::AdminConsumersTab</name>
    <message>
        <source>OAuth consumers</source>
        <translation>Consommateurs OAuth</translation>
    </message>
    <message>
        <source>&amp;Approve consumer…</source>
        <translation>&amp;Approuver un consommateur…</translation>
    </message>
    <message>
        <source>Re&amp;move…</source>
        <translation>Su&amp;pprimer…</translation>
    </message>
    <message>
        <source>No application link has an incoming OAuth consumer, so no application can ask users for access through OAuth 1.0a.</source>
        <translation>Aucun lien d&apos;application n&apos;a de consommateur OAuth entrant&#xa0;: aucune application ne peut donc demander l&apos;accès aux utilisateurs via OAuth 1.0a.</translation>
    </message>
    <message>
        <source>Approve an OAuth consumer</source>
        <translation>Approuver un consommateur OAuth</translation>
    </message>
    <message>
        <source>Remove the selected OAuth consumer</source>
        <translation>Supprimer le consommateur OAuth sélectionné</translation>
    </message>
    <message>
        <source>Remove the selected consumer from its application link (asks first)</source>
        <translation>Supprimer le consommateur sélectionné de son lien d&apos;application (avec confirmation)</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>1 OAuth consumer</source>
        <translation>1 consommateur OAuth</translation>
    </message>
    <message>
        <source>%1 OAuth consumers</source>
        <translation>%1 consommateurs OAuth</translation>
    </message>
    <message>
        <source>Create an application link for the application first</source>
        <translation>Créez d&apos;abord un lien d&apos;application pour l&apos;application</translation>
    </message>
    <message>
        <source>Approve an application as an OAuth consumer of one of the application links</source>
        <translation>Approuver une application comme consommateur OAuth de l&apos;un des liens d&apos;application</translation>
    </message>
    <message>
        <source>Remove the OAuth consumer “%1” (key %2) from the application link “%3”?</source>
        <translation>Supprimer le consommateur OAuth «&#xa0;%1&#xa0;» (clé %2) du lien d&apos;application «&#xa0;%3&#xa0;»&#xa0;?</translation>
    </message>
    <message>
        <source>Remove OAuth consumer</source>
        <translation>Supprimer le consommateur OAuth</translation>
    </message>
    <message>
        <source>Remove consumer</source>
        <translation>Supprimer le consommateur</translation>
    </message>
</context>
<context>
    <name>accessdesk::AdminJob</name>
    <message>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
</context>
<context>
    <name>accessdesk::AdminLinksTab</name>
    <message>
        <source>Application links</source>
        <translation>Liens d&apos;application</translation>
    </message>
    <message>
        <source>This server has no application links. Links connect Jira with Confluence, Bamboo, Bitbucket or other applications: press “New link…” to create one.</source>
        <translation>Ce serveur n&apos;a aucun lien d&apos;application. Les liens relient Jira à Confluence, Bamboo, Bitbucket ou d&apos;autres applications&#xa0;: cliquez sur «&#xa0;Nouveau lien…&#xa0;» pour en créer un.</translation>
    </message>
    <message>
        <source>&amp;New link…</source>
        <translation>&amp;Nouveau lien…</translation>
    </message>
    <message>
        <source>Create an application link</source>
        <translation>Créer un lien d&apos;application</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Modifier…</translation>
    </message>
    <message>
        <source>Edit the selected application link</source>
        <translation>Modifier le lien d&apos;application sélectionné</translation>
    </message>
    <message>
        <source>Re&amp;locate…</source>
        <translation>&amp;Déplacer…</translation>
    </message>
    <message>
        <source>Relocate the selected application link</source>
        <translation>Déplacer le lien d&apos;application sélectionné</translation>
    </message>
    <message>
        <source>Make &amp;primary</source>
        <translation>Rendre &amp;principal</translation>
    </message>
    <message>
        <source>Make the selected application link primary</source>
        <translation>Faire du lien d&apos;application sélectionné le lien principal</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Supprimer…</translation>
    </message>
    <message>
        <source>Delete the selected application link</source>
        <translation>Supprimer le lien d&apos;application sélectionné</translation>
    </message>
    <message>
        <source>C&amp;heck</source>
        <translation>&amp;Vérifier</translation>
    </message>
    <message>
        <source>Check the health of the selected application links</source>
        <translation>Vérifier l&apos;état des liens d&apos;application sélectionnés</translation>
    </message>
    <message>
        <source>Check &amp;all</source>
        <translation>Vérifier &amp;tout</translation>
    </message>
    <message>
        <source>Check the health of every application link</source>
        <translation>Vérifier l&apos;état de tous les liens d&apos;application</translation>
    </message>
    <message>
        <source>Cancel check</source>
        <translation>Annuler la vérification</translation>
    </message>
    <message>
        <source>Cancel the health check</source>
        <translation>Annuler la vérification d&apos;état</translation>
    </message>
    <message>
        <source>Progress of the health check</source>
        <translation>Progression de la vérification d&apos;état</translation>
    </message>
    <message>
        <source>Delete on this Jira only…</source>
        <translation>Supprimer sur ce Jira uniquement…</translation>
    </message>
    <message>
        <source>Delete on both ends…</source>
        <translation>Supprimer aux deux extrémités…</translation>
    </message>
    <message>
        <source>1 application link</source>
        <translation>1 lien d&apos;application</translation>
    </message>
    <message>
        <source>%1 application links</source>
        <translation>%1 liens d&apos;application</translation>
    </message>
    <message>
        <source>%1 (and 1 OAuth 2.0 integration, on the OAuth 2.0 clients tab)</source>
        <translation>%1 (et 1 intégration OAuth 2.0, dans l&apos;onglet Clients OAuth 2.0)</translation>
    </message>
    <message>
        <source>%1 (and %2 OAuth 2.0 integrations, on the OAuth 2.0 clients tab)</source>
        <translation>%1 (et %2 intégrations OAuth 2.0, dans l&apos;onglet Clients OAuth 2.0)</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Available once the list of application links has loaded.</source>
        <translation>Disponible une fois la liste des liens d&apos;application chargée.</translation>
    </message>
    <message>
        <source>Create a link to another application</source>
        <translation>Créer un lien vers une autre application</translation>
    </message>
    <message>
        <source>Change the link&apos;s name and addresses</source>
        <translation>Modifier le nom et les adresses du lien</translation>
    </message>
    <message>
        <source>Point the link at the application&apos;s new address after a server move</source>
        <translation>Faire pointer le lien vers la nouvelle adresse de l&apos;application après un déménagement du serveur</translation>
    </message>
    <message>
        <source>“%1” is the primary link to %2 already.</source>
        <translation>«&#xa0;%1&#xa0;» est déjà le lien principal vers %2.</translation>
    </message>
    <message>
        <source>Make the link the one Jira uses first for its type of application</source>
        <translation>Faire de ce lien celui que Jira utilise en premier pour son type d&apos;application</translation>
    </message>
    <message>
        <source>Delete the link here, or on both ends</source>
        <translation>Supprimer le lien ici, ou aux deux extrémités</translation>
    </message>
    <message>
        <source>A check is under way.</source>
        <translation>Une vérification est en cours.</translation>
    </message>
    <message>
        <source>Select the links to check first.</source>
        <translation>Sélectionnez d&apos;abord les liens à vérifier.</translation>
    </message>
    <message>
        <source>Ask Jira whether the selected links work</source>
        <translation>Demander à Jira si les liens sélectionnés fonctionnent</translation>
    </message>
    <message>
        <source>There are no links to check.</source>
        <translation>Il n&apos;y a aucun lien à vérifier.</translation>
    </message>
    <message>
        <source>Ask Jira whether every link works</source>
        <translation>Demander à Jira si chaque lien fonctionne</translation>
    </message>
    <message>
        <source>Checking 1 link…</source>
        <translation>Vérification d&apos;un lien…</translation>
    </message>
    <message>
        <source>Checked %1 of %2 links</source>
        <translation>%1 liens vérifiés sur %2</translation>
    </message>
    <message>
        <source>Wait until the change under way has finished.</source>
        <translation>Attendez la fin de la modification en cours.</translation>
    </message>
    <message>
        <source>Select a link first.</source>
        <translation>Sélectionnez d&apos;abord un lien.</translation>
    </message>
    <message>
        <source>Select only one link.</source>
        <translation>Sélectionnez un seul lien.</translation>
    </message>
    <message>
        <source>“%1” is a system link: the application manages it, so it cannot be changed here.</source>
        <translation>«&#xa0;%1&#xa0;» est un lien système&#xa0;: l&apos;application le gère, il ne peut donc pas être modifié ici.</translation>
    </message>
    <message>
        <source>“%1” is now the primary link to %2.</source>
        <translation>«&#xa0;%1&#xa0;» est désormais le lien principal vers %2.</translation>
    </message>
    <message>
        <source>Delete both ends of the link</source>
        <translation>Supprimer les deux extrémités du lien</translation>
    </message>
    <message>
        <source>Delete the application link</source>
        <translation>Supprimer le lien d&apos;application</translation>
    </message>
    <message>
        <source>Delete both ends</source>
        <translation>Supprimer les deux extrémités</translation>
    </message>
    <message>
        <source>Delete link</source>
        <translation>Supprimer le lien</translation>
    </message>
    <message>
        <source>“%1” was deleted on both ends.</source>
        <translation>«&#xa0;%1&#xa0;» a été supprimé aux deux extrémités.</translation>
    </message>
    <message>
        <source>“%1” was deleted on this Jira.</source>
        <translation>«&#xa0;%1&#xa0;» a été supprimé sur ce Jira.</translation>
    </message>
</context>
<context>
    <name>accessdesk::AdminListTab</name>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exporter en CSV…</translation>
    </message>
    <message>
        <source>Filter %1</source>
        <translation>Filtrer&#xa0;: %1</translation>
    </message>
    <message>
        <source>Refresh %1</source>
        <translation>Actualiser&#xa0;: %1</translation>
    </message>
    <message>
        <source>Export %1 as CSV</source>
        <translation>Exporter en CSV&#xa0;: %1</translation>
    </message>
    <message>
        <source>Save the rows shown (after filtering) as a CSV file</source>
        <translation>Enregistrer les lignes affichées (après filtrage) dans un fichier CSV</translation>
    </message>
    <message>
        <source>Problem with %1</source>
        <translation>Problème&#xa0;: %1</translation>
    </message>
    <message>
        <source>Details of the selected %1</source>
        <translation>Détails de l&apos;élément sélectionné&#xa0;: %1</translation>
    </message>
    <message>
        <source>Status of %1</source>
        <translation>État&#xa0;: %1</translation>
    </message>
    <message>
        <source>Loading from the server…</source>
        <translation>Chargement depuis le serveur…</translation>
    </message>
    <message>
        <source>%1, loaded at %2</source>
        <translation>%1, chargés à %2</translation>
    </message>
    <message>
        <source>%1 rows selected.</source>
        <translation>%1 lignes sélectionnées.</translation>
    </message>
    <message>
        <source>Nothing to show yet.</source>
        <translation>Rien à afficher pour l&apos;instant.</translation>
    </message>
    <message>
        <source>Select a row to see its details.</source>
        <translation>Sélectionnez une ligne pour voir ses détails.</translation>
    </message>
</context>
<context>
    <name>accessdesk::AdminTableModel</name>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
</context>
<context>
    <name>accessdesk::AdminTokenController</name>
    <message>
        <source>No user&apos;s name, display name or e-mail contains “%1”, so there are no tokens to show.</source>
        <translation>Aucun nom d&apos;utilisateur, nom affiché ou adresse e-mail ne contient «&#xa0;%1&#xa0;»&#xa0;: il n&apos;y a donc aucun jeton à afficher.</translation>
    </message>
    <message>
        <source>More than %1 users match “%2”. Type more of the name, or a whole user name or e-mail address.</source>
        <translation>Plus de %1 utilisateurs correspondent à «&#xa0;%2&#xa0;». Tapez une plus grande partie du nom, ou un nom d&apos;utilisateur ou une adresse e-mail complets.</translation>
    </message>
    <message>
        <source>The owner “%1” could not be looked up. %2</source>
        <translation>Le propriétaire «&#xa0;%1&#xa0;» n&apos;a pas pu être recherché. %2</translation>
    </message>
    <message>
        <source>The search stopped part-way. %1 The tokens loaded before that are shown; press Refresh to load them all.</source>
        <translation>La recherche s&apos;est arrêtée en cours de route. %1 Les jetons chargés jusque-là sont affichés&#xa0;; cliquez sur Actualiser pour tous les charger.</translation>
    </message>
</context>
<context>
    <name>accessdesk::AdminTokenRevoker</name>
    <message>
        <source>Not sent: the activity record could not be written.</source>
        <translation>Non envoyé&#xa0;: le registre d&apos;activité n&apos;a pas pu être écrit.</translation>
    </message>
</context>
<context>
    <name>accessdesk::AdminTokensTab</name>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exporter en CSV…</translation>
    </message>
    <message>
        <source>Revoke selected…</source>
        <translation>Révoquer la sélection…</translation>
    </message>
    <message>
        <source>Sweep stale tokens…</source>
        <translation>Nettoyer les jetons obsolètes…</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>Personal tokens</source>
        <translation>Jetons personnels</translation>
    </message>
    <message>
        <source>Problem with the token search</source>
        <translation>Problème lors de la recherche de jetons</translation>
    </message>
    <message>
        <source>Details of the selected token</source>
        <translation>Détails du jeton sélectionné</translation>
    </message>
    <message>
        <source>Token search progress</source>
        <translation>Progression de la recherche de jetons</translation>
    </message>
    <message>
        <source>Stop the token search</source>
        <translation>Arrêter la recherche de jetons</translation>
    </message>
    <message>
        <source>Stop loading; the tokens loaded so far stay in the list.</source>
        <translation>Arrêter le chargement&#xa0;; les jetons déjà chargés restent dans la liste.</translation>
    </message>
    <message>
        <source>Filter the tokens loaded</source>
        <translation>Filtrer les jetons chargés</translation>
    </message>
    <message>
        <source>Narrows the tokens loaded by name or owner; does not ask the server.</source>
        <translation>Restreint les jetons chargés par nom ou propriétaire&#xa0;; n&apos;interroge pas le serveur.</translation>
    </message>
    <message>
        <source>Refresh the token search</source>
        <translation>Actualiser la recherche de jetons</translation>
    </message>
    <message>
        <source>Run the last search again</source>
        <translation>Relancer la dernière recherche</translation>
    </message>
    <message>
        <source>Export the tokens shown as CSV</source>
        <translation>Exporter les jetons affichés en CSV</translation>
    </message>
    <message>
        <source>Save the rows shown (after filtering) as a CSV file</source>
        <translation>Enregistrer les lignes affichées (après filtrage) dans un fichier CSV</translation>
    </message>
    <message>
        <source>Revoke the selected tokens</source>
        <translation>Révoquer les jetons sélectionnés</translation>
    </message>
    <message>
        <source>Sweep stale tokens</source>
        <translation>Nettoyer les jetons obsolètes</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Recherche…</translation>
    </message>
    <message>
        <source>Loaded %1 of ~1 token…</source>
        <translation>%1 jeton chargé sur ~1…</translation>
    </message>
    <message>
        <source>Loaded %1 of ~%2 tokens…</source>
        <translation>%1 jetons chargés sur ~%2…</translation>
    </message>
    <message>
        <source>%1 found; checked %2 of ~1 token…</source>
        <translation>%1 trouvés&#xa0;; %2 jeton vérifié sur ~1…</translation>
    </message>
    <message>
        <source>%1 found; checked %2 of ~%3 tokens…</source>
        <translation>%1 trouvés&#xa0;; %2 jetons vérifiés sur ~%3…</translation>
    </message>
    <message>
        <source>Stopped: %1 of ~1 token loaded. Search again to load them all.</source>
        <translation>Arrêté&#xa0;: %1 jeton chargé sur ~1. Relancez la recherche pour tous les charger.</translation>
    </message>
    <message>
        <source>Stopped: %1 of ~%2 tokens loaded. Search again to load them all.</source>
        <translation>Arrêté&#xa0;: %1 jetons chargés sur ~%2. Relancez la recherche pour tous les charger.</translation>
    </message>
    <message>
        <source>No token matches the search (searched at %1).</source>
        <translation>Aucun jeton ne correspond à la recherche (recherche effectuée à %1).</translation>
    </message>
    <message>
        <source>1 token, loaded at %1.</source>
        <translation>1 jeton, chargé à %1.</translation>
    </message>
    <message>
        <source>%1 tokens, loaded at %2.</source>
        <translation>%1 jetons, chargés à %2.</translation>
    </message>
    <message>
        <source>1 token loaded.</source>
        <translation>1 jeton chargé.</translation>
    </message>
    <message>
        <source>%1 tokens loaded.</source>
        <translation>%1 jetons chargés.</translation>
    </message>
    <message>
        <source>The filter shows %1 of them.</source>
        <translation>Le filtre en affiche %1.</translation>
    </message>
    <message>
        <source>Only Jira system administrators can revoke other users&apos; personal access tokens, and only on Jira Data Center.</source>
        <translation>Seuls les administrateurs système Jira peuvent révoquer les jetons d&apos;accès personnels des autres utilisateurs, et uniquement sur Jira Data Center.</translation>
    </message>
    <message>
        <source>Revoke the selected tokens for their owners (asks first)</source>
        <translation>Révoquer les jetons sélectionnés pour leurs propriétaires (avec confirmation)</translation>
    </message>
    <message>
        <source>Find tokens never used, unused for a while, expired or expiring soon, and revoke them in one go</source>
        <translation>Trouver les jetons jamais utilisés, inutilisés depuis un moment, expirés ou expirant bientôt, et les révoquer en une seule fois</translation>
    </message>
    <message>
        <source>%1 tokens selected.</source>
        <translation>%1 jetons sélectionnés.</translation>
    </message>
    <message>
        <source>Select a token to see its details.</source>
        <translation>Sélectionnez un jeton pour voir ses détails.</translation>
    </message>
    <message>
        <source>No personal access token matches the search.</source>
        <translation>Aucun jeton d&apos;accès personnel ne correspond à la recherche.</translation>
    </message>
    <message>
        <source>Nothing to show yet.</source>
        <translation>Rien à afficher pour l&apos;instant.</translation>
    </message>
</context>
<context>
    <name>accessdesk::AdministrationPage</name>
    <message>
        <source>Administration</source>
        <translation>Administration</translation>
    </message>
    <message>
        <source>Administration lists</source>
        <translation>Listes d&apos;administration</translation>
    </message>
    <message>
        <source>Application links</source>
        <translation>Liens d&apos;application</translation>
    </message>
    <message>
        <source>OAuth consumers</source>
        <translation>Consommateurs OAuth</translation>
    </message>
    <message>
        <source>OAuth 2.0 clients</source>
        <translation>Clients OAuth 2.0</translation>
    </message>
    <message>
        <source>Personal tokens</source>
        <translation>Jetons personnels</translation>
    </message>
</context>
<context>
    <name>accessdesk::AppLinkAddressPage</name>
    <message>
        <source>Address of the application</source>
        <translation>Adresse de l&apos;application</translation>
    </message>
    <message>
        <source>Create a &amp;generic link to it anyway: it works once the application answers there</source>
        <translation>Créer quand même un lien &amp;générique vers elle&#xa0;: il fonctionnera dès que l&apos;application répondra à cette adresse</translation>
    </message>
    <message>
        <source>Create a generic link anyway</source>
        <translation>Créer quand même un lien générique</translation>
    </message>
    <message>
        <source>Which application?</source>
        <translation>Quelle application&#xa0;?</translation>
    </message>
    <message>
        <source>Enter the address of the application to link Jira with. Jira then asks what answers there, and fills in its type and name.</source>
        <translation>Saisissez l&apos;adresse de l&apos;application à lier à Jira. Jira interroge alors ce qui répond à cette adresse, et renseigne son type et son nom.</translation>
    </message>
    <message>
        <source>For example: https://confluence.example.com</source>
        <translation>Par exemple&#xa0;: https://confluence.example.com</translation>
    </message>
    <message>
        <source>What Jira found at the address</source>
        <translation>Ce que Jira a trouvé à cette adresse</translation>
    </message>
    <message>
        <source>Application &amp;URL:</source>
        <translation>&amp;URL de l&apos;application&#xa0;:</translation>
    </message>
    <message>
        <source>Address problem</source>
        <translation>Problème d&apos;adresse</translation>
    </message>
    <message>
        <source>Asking Jira what answers at %1…</source>
        <translation>Interrogation de Jira sur ce qui répond à %1…</translation>
    </message>
</context>
<context>
    <name>accessdesk::AppLinkAuthenticationPage</name>
    <message>
        <source>Remote administrator&apos;s user name</source>
        <translation>Nom d&apos;utilisateur de l&apos;administrateur distant</translation>
    </message>
    <message>
        <source>Remote administrator&apos;s password</source>
        <translation>Mot de passe de l&apos;administrateur distant</translation>
    </message>
    <message>
        <source>The two applications have the &amp;same users (OAuth with impersonation)</source>
        <translation>Les deux applications ont les &amp;mêmes utilisateurs (OAuth avec emprunt d&apos;identité)</translation>
    </message>
    <message>
        <source>Share users</source>
        <translation>Partager les utilisateurs</translation>
    </message>
    <message>
        <source>Address the remote application reaches Jira at</source>
        <translation>Adresse à laquelle l&apos;application distante joint Jira</translation>
    </message>
    <message>
        <source>OAuth on this end</source>
        <translation>OAuth de ce côté</translation>
    </message>
    <message>
        <source>Incoming OAuth</source>
        <translation>OAuth entrant</translation>
    </message>
    <message>
        <source>Outgoing OAuth</source>
        <translation>OAuth sortant</translation>
    </message>
    <message>
        <source>Authentication</source>
        <translation>Authentification</translation>
    </message>
    <message>
        <source>How the two applications trust each other: with OAuth each can act for the other&apos;s users.</source>
        <translation>Comment les deux applications se font confiance&#xa0;: avec OAuth, chacune peut agir pour les utilisateurs de l&apos;autre.</translation>
    </message>
    <message>
        <source>Jira&apos;s base URL</source>
        <translation>URL de base de Jira</translation>
    </message>
    <message>
        <source>Jira creates the link on the remote application too, and sets up OAuth on both ends. It needs an administrator account there: the password is used once for this and never stored.</source>
        <translation>Jira crée aussi le lien sur l&apos;application distante, et configure OAuth aux deux extrémités. Il faut un compte administrateur là-bas&#xa0;: le mot de passe ne sert qu&apos;une fois pour cela et n&apos;est jamais enregistré.</translation>
    </message>
    <message>
        <source>Remote &amp;user name:</source>
        <translation>&amp;Nom d&apos;utilisateur distant&#xa0;:</translation>
    </message>
    <message>
        <source>Remote user name problem</source>
        <translation>Problème de nom d&apos;utilisateur distant</translation>
    </message>
    <message>
        <source>Remote pass&amp;word:</source>
        <translation>Mot de &amp;passe distant&#xa0;:</translation>
    </message>
    <message>
        <source>Remote password problem</source>
        <translation>Problème de mot de passe distant</translation>
    </message>
    <message>
        <source>Share users problem</source>
        <translation>Problème de partage des utilisateurs</translation>
    </message>
    <message>
        <source>Jira&apos;s address for &amp;it:</source>
        <translation>Adresse de &amp;Jira pour elle&#xa0;:</translation>
    </message>
    <message>
        <source>Jira&apos;s address problem</source>
        <translation>Problème d&apos;adresse de Jira</translation>
    </message>
    <message>
        <source>&amp;Incoming (the application acts in Jira):</source>
        <translation>&amp;Entrant (l&apos;application agit dans Jira)&#xa0;:</translation>
    </message>
    <message>
        <source>Incoming OAuth problem</source>
        <translation>Problème d&apos;OAuth entrant</translation>
    </message>
    <message>
        <source>&amp;Outgoing (Jira acts in the application):</source>
        <translation>&amp;Sortant (Jira agit dans l&apos;application)&#xa0;:</translation>
    </message>
    <message>
        <source>Two-way link problem</source>
        <translation>Problème de lien bidirectionnel</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Désactivé</translation>
    </message>
    <message>
        <source>OAuth</source>
        <translation>OAuth</translation>
    </message>
    <message>
        <source>OAuth with impersonation</source>
        <translation>OAuth avec emprunt d&apos;identité</translation>
    </message>
    <message>
        <source>Also create the other end on %1 (two-way link)</source>
        <translation>Créer aussi l&apos;autre extrémité sur %1 (lien bidirectionnel)</translation>
    </message>
    <message>
        <source>Two-way link</source>
        <translation>Lien bidirectionnel</translation>
    </message>
    <message>
        <source>Only system administrators may link with impersonation.</source>
        <translation>Seuls les administrateurs système peuvent créer un lien avec emprunt d&apos;identité.</translation>
    </message>
    <message>
        <source>Users of one application act as the same users in the other.</source>
        <translation>Les utilisateurs d&apos;une application agissent en tant que les mêmes utilisateurs dans l&apos;autre.</translation>
    </message>
    <message>
        <source>A two-way link sets up OAuth on both ends itself.</source>
        <translation>Un lien bidirectionnel configure lui-même OAuth aux deux extrémités.</translation>
    </message>
</context>
<context>
    <name>accessdesk::AppLinkChange</name>
    <message>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <source>Nothing was sent: the activity log could not record the change (%1).</source>
        <translation>Rien n&apos;a été envoyé&#xa0;: le journal d&apos;activité n&apos;a pas pu enregistrer la modification (%1).</translation>
    </message>
    <message>
        <source>Check that the disk is writable, then try again.</source>
        <translation>Vérifiez que le disque est accessible en écriture, puis réessayez.</translation>
    </message>
    <message>
        <source>Cancelled after the request was sent: whether the change was made is unknown.</source>
        <translation>Annulé après l&apos;envoi de la requête&#xa0;: on ne sait pas si la modification a été faite.</translation>
    </message>
    <message>
        <source>Refresh the list of links to see.</source>
        <translation>Actualisez la liste des liens pour le savoir.</translation>
    </message>
    <message>
        <source>Jira&apos;s answer was lost, and the link could not be read back either (%1): whether the change was made is unknown.</source>
        <translation>La réponse de Jira a été perdue, et le lien n&apos;a pas non plus pu être relu (%1)&#xa0;: on ne sait pas si la modification a été faite.</translation>
    </message>
    <message>
        <source>Jira&apos;s answer was lost, and the link does not show the change (yet): it may still happen.</source>
        <translation>La réponse de Jira a été perdue, et le lien ne montre pas (encore) la modification&#xa0;: elle peut encore se produire.</translation>
    </message>
    <message>
        <source>Jira said the change was made, but reading the link back failed (%1).</source>
        <translation>Jira a indiqué que la modification a été faite, mais la relecture du lien a échoué (%1).</translation>
    </message>
    <message>
        <source>Jira said the change was made, but the link does not show it.</source>
        <translation>Jira a indiqué que la modification a été faite, mais le lien ne la montre pas.</translation>
    </message>
    <message>
        <source>Refresh the list of links before trying again.</source>
        <translation>Actualisez la liste des liens avant de réessayer.</translation>
    </message>
</context>
<context>
    <name>accessdesk::AppLinkChangeDialog</name>
    <message>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>Traitement…</translation>
    </message>
</context>
<context>
    <name>accessdesk::AppLinkCreatePage</name>
    <message>
        <source>Create the link</source>
        <translation>Créer le lien</translation>
    </message>
    <message>
        <source>Check what Jira will create, then press Create.</source>
        <translation>Vérifiez ce que Jira va créer, puis cliquez sur Créer.</translation>
    </message>
    <message>
        <source>&amp;Create</source>
        <translation>&amp;Créer</translation>
    </message>
    <message>
        <source>What will be created</source>
        <translation>Ce qui sera créé</translation>
    </message>
    <message>
        <source>Steps of the creation</source>
        <translation>Étapes de la création</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Jira creates the link “%1” to %2 (%3).</source>
        <translation>Jira crée le lien «&#xa0;%1&#xa0;» vers %2 (%3).</translation>
    </message>
    <message>
        <source>It becomes the primary link to %1.</source>
        <translation>Il devient le lien principal vers %1.</translation>
    </message>
    <message>
        <source>It also creates the other end on %1 with the administrator account “%2”, and sets up OAuth on both ends.</source>
        <translation>Il crée aussi l&apos;autre extrémité sur %1 avec le compte administrateur «&#xa0;%2&#xa0;», et configure OAuth aux deux extrémités.</translation>
    </message>
    <message>
        <source>It also creates the other end on %1 with an administrator account there, and sets up OAuth on both ends.</source>
        <translation>Il crée aussi l&apos;autre extrémité sur %1 avec un compte administrateur de cette application, et configure OAuth aux deux extrémités.</translation>
    </message>
    <message>
        <source>OAuth on this end: incoming %1, outgoing %2.</source>
        <translation>OAuth de ce côté&#xa0;: entrant %1, sortant %2.</translation>
    </message>
    <message>
        <source>A generic link has no OAuth of its own: to let the application act for Jira&apos;s users, approve its consumer on the OAuth consumers tab afterwards.</source>
        <translation>Un lien générique n&apos;a pas d&apos;OAuth propre&#xa0;: pour permettre à l&apos;application d&apos;agir pour les utilisateurs de Jira, approuvez ensuite son consommateur dans l&apos;onglet Consommateurs OAuth.</translation>
    </message>
    <message>
        <source>Check the name and address against Jira&apos;s links</source>
        <translation>Vérifier le nom et l&apos;adresse par rapport aux liens de Jira</translation>
    </message>
    <message>
        <source>Create both ends of the link</source>
        <translation>Créer les deux extrémités du lien</translation>
    </message>
    <message>
        <source>Read the new link back from Jira</source>
        <translation>Relire le nouveau lien depuis Jira</translation>
    </message>
    <message>
        <source>Make it the primary link</source>
        <translation>En faire le lien principal</translation>
    </message>
    <message>
        <source>Set up OAuth on this end</source>
        <translation>Configurer OAuth de ce côté</translation>
    </message>
    <message>
        <source>○  %1</source>
        <translation>○  %1</translation>
    </message>
    <message>
        <source>…  %1 (under way)</source>
        <translation>…  %1 (en cours)</translation>
    </message>
    <message>
        <source>✓  %1 (done)</source>
        <translation>✓  %1 (fait)</translation>
    </message>
    <message>
        <source>✗  %1 (failed)</source>
        <translation>✗  %1 (échec)</translation>
    </message>
</context>
<context>
    <name>accessdesk::AppLinkCreator</name>
    <message>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <source>Nothing was sent: the activity log could not record the change (%1).</source>
        <translation>Rien n&apos;a été envoyé&#xa0;: le journal d&apos;activité n&apos;a pas pu enregistrer la modification (%1).</translation>
    </message>
    <message>
        <source>Check that the disk is writable, then try again.</source>
        <translation>Vérifiez que le disque est accessible en écriture, puis réessayez.</translation>
    </message>
    <message>
        <source>Cancelled while Jira was creating the link: it may exist now.</source>
        <translation>Annulé pendant que Jira créait le lien&#xa0;: il existe peut-être maintenant.</translation>
    </message>
    <message>
        <source>Refresh the list of links to see whether it was created.</source>
        <translation>Actualisez la liste des liens pour voir s&apos;il a été créé.</translation>
    </message>
    <message>
        <source>%1 refused the administrator credentials: the user name or password is wrong, or %2 is not an administrator there.</source>
        <translation>%1 a refusé les identifiants administrateur&#xa0;: le nom d&apos;utilisateur ou le mot de passe est incorrect, ou %2 n&apos;y est pas administrateur.</translation>
    </message>
    <message>
        <source>Enter the user name and password of an administrator of the remote application.</source>
        <translation>Saisissez le nom d&apos;utilisateur et le mot de passe d&apos;un administrateur de l&apos;application distante.</translation>
    </message>
    <message>
        <source>Only system administrators may link with impersonation (the two applications share their users).</source>
        <translation>Seuls les administrateurs système peuvent créer un lien avec emprunt d&apos;identité (les deux applications partagent leurs utilisateurs).</translation>
    </message>
    <message>
        <source>Link without impersonation, or ask a system administrator.</source>
        <translation>Créez le lien sans emprunt d&apos;identité, ou demandez à un administrateur système.</translation>
    </message>
    <message>
        <source>The other end of the link could not be created on %1. %2</source>
        <translation>L&apos;autre extrémité du lien n&apos;a pas pu être créée sur %1. %2</translation>
    </message>
    <message>
        <source>Check that %1 can reach this Jira at its base URL and that the remote user is an administrator there; or create a one-way link and set up the other end in the remote application.</source>
        <translation>Vérifiez que %1 peut joindre ce Jira à son URL de base et que l&apos;utilisateur distant y est administrateur&#xa0;; ou créez un lien unidirectionnel et configurez l&apos;autre extrémité dans l&apos;application distante.</translation>
    </message>
    <message>
        <source>Jira&apos;s answer was lost, and the list of links could not be read either: whether the link was created is unknown. %1</source>
        <translation>La réponse de Jira a été perdue, et la liste des liens n&apos;a pas non plus pu être lue&#xa0;: on ne sait pas si le lien a été créé. %1</translation>
    </message>
    <message>
        <source>Jira said it created the link, but reading it back failed: %1</source>
        <translation>Jira a indiqué avoir créé le lien, mais sa relecture a échoué&#xa0;: %1</translation>
    </message>
    <message>
        <source>Refresh the list of links before creating it again.</source>
        <translation>Actualisez la liste des liens avant de le créer à nouveau.</translation>
    </message>
    <message>
        <source>Jira&apos;s answer was lost, and the link is not in the list (yet): it may still appear.</source>
        <translation>La réponse de Jira a été perdue, et le lien n&apos;est pas (encore) dans la liste&#xa0;: il peut encore apparaître.</translation>
    </message>
    <message>
        <source>Jira said it created the link, but it is not there.</source>
        <translation>Jira a indiqué avoir créé le lien, mais il n&apos;y est pas.</translation>
    </message>
    <message>
        <source>Refresh the list of links in a minute; create the link again only if it is still missing.</source>
        <translation>Actualisez la liste des liens dans une minute&#xa0;; ne recréez le lien que s&apos;il manque toujours.</translation>
    </message>
    <message>
        <source>The link was created, and Jira reports the other end created too, but OAuth could not be set up on both ends.</source>
        <translation>Le lien a été créé, et Jira indique que l&apos;autre extrémité l&apos;a été aussi, mais OAuth n&apos;a pas pu être configuré aux deux extrémités.</translation>
    </message>
    <message>
        <source>Check the link&apos;s status to see why; then set up OAuth on the link in both applications.</source>
        <translation>Vérifiez l&apos;état du lien pour savoir pourquoi&#xa0;; puis configurez OAuth sur le lien dans les deux applications.</translation>
    </message>
    <message>
        <source>The link was created, but: %1</source>
        <translation>Le lien a été créé, mais&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>accessdesk::AppLinkDetailsPage</name>
    <message>
        <source>Link name</source>
        <translation>Nom du lien</translation>
    </message>
    <message>
        <source>Display URL</source>
        <translation>URL d&apos;affichage</translation>
    </message>
    <message>
        <source>Make it the &amp;primary link to this type of application</source>
        <translation>En faire le lien &amp;principal pour ce type d&apos;application</translation>
    </message>
    <message>
        <source>Primary link</source>
        <translation>Lien principal</translation>
    </message>
    <message>
        <source>Name the link</source>
        <translation>Nommer le lien</translation>
    </message>
    <message>
        <source>How the link appears in Jira, and whether Jira uses it first for its type of application.</source>
        <translation>Comment le lien apparaît dans Jira, et si Jira l&apos;utilise en premier pour son type d&apos;application.</translation>
    </message>
    <message>
        <source>What Jira found at the address</source>
        <translation>Ce que Jira a trouvé à cette adresse</translation>
    </message>
    <message>
        <source>Type of application</source>
        <translation>Type d&apos;application</translation>
    </message>
    <message>
        <source>Jira uses the primary link first when several link to the same type of application.</source>
        <translation>Jira utilise d&apos;abord le lien principal lorsque plusieurs liens mènent au même type d&apos;application.</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>Type&#xa0;:</translation>
    </message>
    <message>
        <source>Type problem</source>
        <translation>Problème de type</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom&#xa0;:</translation>
    </message>
    <message>
        <source>Link name problem</source>
        <translation>Problème de nom du lien</translation>
    </message>
    <message>
        <source>&amp;Display URL:</source>
        <translation>URL d&apos;&amp;affichage&#xa0;:</translation>
    </message>
    <message>
        <source>Display URL problem</source>
        <translation>Problème d&apos;URL d&apos;affichage</translation>
    </message>
    <message>
        <source>Jira found %1 at %2, called “%3”.</source>
        <translation>Jira a trouvé %1 à l&apos;adresse %2, sous le nom «&#xa0;%3&#xa0;».</translation>
    </message>
    <message>
        <source>Jira found %1 %2 at %3, called “%4”.</source>
        <translation>Jira a trouvé %1 %2 à l&apos;adresse %3, sous le nom «&#xa0;%4&#xa0;».</translation>
    </message>
    <message>
        <source>Nothing answers at %1 yet: the link will be a generic one, and it works once the application answers there.</source>
        <translation>Rien ne répond encore à %1&#xa0;: le lien sera générique, et il fonctionnera dès que l&apos;application répondra à cette adresse.</translation>
    </message>
</context>
<context>
    <name>accessdesk::AppLinkEditDialog</name>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Edit application link “%1”</source>
        <translation>Modifier le lien d&apos;application «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>Edit application link</source>
        <translation>Modifier le lien d&apos;application</translation>
    </message>
    <message>
        <source>The display URL is the address users see; the application URL is the one Jira calls. After a server move, Relocate changes both.</source>
        <translation>L&apos;URL d&apos;affichage est l&apos;adresse que voient les utilisateurs&#xa0;; l&apos;URL de l&apos;application est celle qu&apos;appelle Jira. Après un déménagement du serveur, Déplacer modifie les deux.</translation>
    </message>
    <message>
        <source>Link name</source>
        <translation>Nom du lien</translation>
    </message>
    <message>
        <source>Display URL</source>
        <translation>URL d&apos;affichage</translation>
    </message>
    <message>
        <source>Application URL</source>
        <translation>URL de l&apos;application</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom&#xa0;:</translation>
    </message>
    <message>
        <source>Link name problem</source>
        <translation>Problème de nom du lien</translation>
    </message>
    <message>
        <source>&amp;Display URL:</source>
        <translation>URL d&apos;&amp;affichage&#xa0;:</translation>
    </message>
    <message>
        <source>Display URL problem</source>
        <translation>Problème d&apos;URL d&apos;affichage</translation>
    </message>
    <message>
        <source>&amp;Application URL:</source>
        <translation>URL de l&apos;a&amp;pplication&#xa0;:</translation>
    </message>
    <message>
        <source>Application URL problem</source>
        <translation>Problème d&apos;URL de l&apos;application</translation>
    </message>
</context>
<context>
    <name>accessdesk::AppLinkOAuthSetup</name>
    <message>
        <source>Set the OAuth of the application link “%1” to incoming: %2, outgoing: %3?</source>
        <translation>Régler l&apos;OAuth du lien d&apos;application «&#xa0;%1&#xa0;» sur entrant&#xa0;: %2, sortant&#xa0;: %3&#xa0;?</translation>
    </message>
    <message>
        <source>OAuth could not be set up: Jira could not fetch the OAuth information of %1 (it did not answer).</source>
        <translation>OAuth n&apos;a pas pu être configuré&#xa0;: Jira n&apos;a pas pu récupérer les informations OAuth de %1 (pas de réponse).</translation>
    </message>
    <message>
        <source>Once the application answers, set up OAuth on the link again.</source>
        <translation>Dès que l&apos;application répond, configurez de nouveau OAuth sur le lien.</translation>
    </message>
    <message>
        <source>Only system administrators may turn on OAuth with impersonation.</source>
        <translation>Seuls les administrateurs système peuvent activer OAuth avec emprunt d&apos;identité.</translation>
    </message>
    <message>
        <source>Choose OAuth without impersonation, or ask a system administrator.</source>
        <translation>Choisissez OAuth sans emprunt d&apos;identité, ou demandez à un administrateur système.</translation>
    </message>
</context>
<context>
    <name>accessdesk::AppLinkPrimaryMaker</name>
    <message>
        <source>Make “%1” the primary link to %2?</source>
        <translation>Faire de «&#xa0;%1&#xa0;» le lien principal vers %2&#xa0;?</translation>
    </message>
</context>
<context>
    <name>accessdesk::AppLinkProbe</name>
    <message>
        <source>Enter the address of the application to link to.</source>
        <translation>Saisissez l&apos;adresse de l&apos;application à lier.</translation>
    </message>
    <message>
        <source>“%1” is not a web address.</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;est pas une adresse web.</translation>
    </message>
    <message>
        <source>Enter the application&apos;s base URL, starting with https:// or http://.</source>
        <translation>Saisissez l&apos;URL de base de l&apos;application, commençant par https:// ou http://.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Annulé.</translation>
    </message>
    <message>
        <source>Jira refused the address %1. %2</source>
        <translation>Jira a refusé l&apos;adresse %1. %2</translation>
    </message>
    <message>
        <source>The application calls itself %1, not %2. Jira will call it at the address you entered and show users %1; if your address works only from some places, use %1 instead.</source>
        <translation>L&apos;application se nomme elle-même %1, et non %2. Jira l&apos;appellera à l&apos;adresse que vous avez saisie et montrera %1 aux utilisateurs&#xa0;; si votre adresse ne fonctionne que depuis certains endroits, utilisez plutôt %1.</translation>
    </message>
    <message>
        <source>%1 redirects to another address, so it is not the application&apos;s base URL.</source>
        <translation>%1 redirige vers une autre adresse&#xa0;: ce n&apos;est donc pas l&apos;URL de base de l&apos;application.</translation>
    </message>
    <message>
        <source>Enter the address the application really answers at (its base URL).</source>
        <translation>Saisissez l&apos;adresse à laquelle l&apos;application répond réellement (son URL de base).</translation>
    </message>
    <message>
        <source>Nothing answers at %1: Jira could not reach it.</source>
        <translation>Rien ne répond à %1&#xa0;: Jira n&apos;a pas pu la joindre.</translation>
    </message>
    <message>
        <source>Check the address and that the application is running. To link it anyway, create a generic link; it works once the application answers.</source>
        <translation>Vérifiez l&apos;adresse et que l&apos;application fonctionne. Pour la lier malgré tout, créez un lien générique&#xa0;; il fonctionnera dès que l&apos;application répondra.</translation>
    </message>
    <message>
        <source>%1 is not an Atlassian application: a generic link fits it.</source>
        <translation>%1 n&apos;est pas une application Atlassian&#xa0;: un lien générique lui convient.</translation>
    </message>
    <message>
        <source>A link to %1 exists already: “%2”.</source>
        <translation>Un lien vers %1 existe déjà&#xa0;: «&#xa0;%2&#xa0;».</translation>
    </message>
    <message>
        <source>Edit that link instead, or delete it first.</source>
        <translation>Modifiez plutôt ce lien, ou supprimez-le d&apos;abord.</translation>
    </message>
    <message>
        <source>%1 is this Jira server itself, and a server is not linked to itself.</source>
        <translation>%1 est ce serveur Jira lui-même, et un serveur ne se lie pas à lui-même.</translation>
    </message>
    <message>
        <source>Enter the address of the other application.</source>
        <translation>Saisissez l&apos;adresse de l&apos;autre application.</translation>
    </message>
    <message>
        <source>Jira already has a link to the application at %1, or %1 is Jira itself.</source>
        <translation>Jira a déjà un lien vers l&apos;application à l&apos;adresse %1, ou %1 est Jira lui-même.</translation>
    </message>
    <message>
        <source>Look for the application in the list of links (perhaps under another address).</source>
        <translation>Cherchez l&apos;application dans la liste des liens (peut-être sous une autre adresse).</translation>
    </message>
</context>
<context>
    <name>accessdesk::AppLinkRelocateDialog</name>
    <message>
        <source>Relocate</source>
        <translation>Déplacer</translation>
    </message>
    <message>
        <source>Relocate application link “%1”</source>
        <translation>Déplacer le lien d&apos;application «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>Relocate application link</source>
        <translation>Déplacer le lien d&apos;application</translation>
    </message>
    <message>
        <source>“%1” points at %2. If the application now answers at another address (a server move, a new host name or port), enter it: Jira then calls it there and shows users the new address. Nothing else about the link changes.</source>
        <translation>«&#xa0;%1&#xa0;» pointe vers %2. Si l&apos;application répond désormais à une autre adresse (déménagement du serveur, nouveau nom d&apos;hôte ou port), saisissez-la&#xa0;: Jira l&apos;appellera alors à cette adresse et montrera la nouvelle adresse aux utilisateurs. Rien d&apos;autre ne change dans le lien.</translation>
    </message>
    <message>
        <source>New address of the application</source>
        <translation>Nouvelle adresse de l&apos;application</translation>
    </message>
    <message>
        <source>For example: https://wiki.example.com</source>
        <translation>Par exemple&#xa0;: https://wiki.example.com</translation>
    </message>
    <message>
        <source>&amp;New address:</source>
        <translation>&amp;Nouvelle adresse&#xa0;:</translation>
    </message>
    <message>
        <source>New address problem</source>
        <translation>Problème de nouvelle adresse</translation>
    </message>
    <message>
        <source>Relocate to an address that does not answer?</source>
        <translation>Déplacer vers une adresse qui ne répond pas&#xa0;?</translation>
    </message>
    <message>
        <source>Move anyway</source>
        <translation>Déplacer quand même</translation>
    </message>
</context>
<context>
    <name>accessdesk::AppLinkRelocator</name>
    <message>
        <source>Nothing answers at %1. Move the application link “%2” there anyway? It will not work until the application answers at that address.</source>
        <translation>Rien ne répond à %1. Y déplacer quand même le lien d&apos;application «&#xa0;%2&#xa0;»&#xa0;? Il ne fonctionnera pas tant que l&apos;application ne répondra pas à cette adresse.</translation>
    </message>
    <message>
        <source>Move the application link “%1” from %2 to %3?</source>
        <translation>Déplacer le lien d&apos;application «&#xa0;%1&#xa0;» de %2 vers %3&#xa0;?</translation>
    </message>
    <message>
        <source>“%1” is not a web address.</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;est pas une adresse web.</translation>
    </message>
    <message>
        <source>Enter the application&apos;s new base URL, starting with https:// or http://.</source>
        <translation>Saisissez la nouvelle URL de base de l&apos;application, commençant par https:// ou http://.</translation>
    </message>
    <message>
        <source>The link is at %1 already.</source>
        <translation>Le lien est déjà à l&apos;adresse %1.</translation>
    </message>
    <message>
        <source>Enter the application&apos;s new address.</source>
        <translation>Saisissez la nouvelle adresse de l&apos;application.</translation>
    </message>
    <message>
        <source>Nothing answers at %1, so the link was not moved.</source>
        <translation>Rien ne répond à %1&#xa0;: le lien n&apos;a donc pas été déplacé.</translation>
    </message>
    <message>
        <source>Check the address. Move the link anyway only if the application will answer there soon.</source>
        <translation>Vérifiez l&apos;adresse. Ne déplacez quand même le lien que si l&apos;application va bientôt y répondre.</translation>
    </message>
    <message>
        <source>Jira refused to move the link to %1. %2</source>
        <translation>Jira a refusé de déplacer le lien vers %1. %2</translation>
    </message>
    <message>
        <source>Check the address: the application there must be of the link&apos;s type.</source>
        <translation>Vérifiez l&apos;adresse&#xa0;: l&apos;application qui s&apos;y trouve doit être du type du lien.</translation>
    </message>
</context>
<context>
    <name>accessdesk::AppLinkRemover</name>
    <message>
        <source>Delete the application link “%1” on this Jira and its other end on %2? Everything that uses the link between the two stops working, and so do the OAuth tokens users gave through it.</source>
        <translation>Supprimer le lien d&apos;application «&#xa0;%1&#xa0;» sur ce Jira et son autre extrémité sur %2&#xa0;? Tout ce qui utilise le lien entre les deux cesse de fonctionner, de même que les jetons OAuth que les utilisateurs ont accordés par son intermédiaire.</translation>
    </message>
    <message>
        <source>Delete the application link “%1” (to %2) on this Jira only? The other application keeps its end; everything that uses the link here stops working, and so do the OAuth tokens users gave through it.</source>
        <translation>Supprimer le lien d&apos;application «&#xa0;%1&#xa0;» (vers %2) sur ce Jira uniquement&#xa0;? L&apos;autre application conserve son extrémité&#xa0;; tout ce qui utilise le lien ici cesse de fonctionner, de même que les jetons OAuth que les utilisateurs ont accordés par son intermédiaire.</translation>
    </message>
    <message>
        <source>The other end on %1 could not be deleted: Jira needs your own authorisation on that application to delete it (credentials required).</source>
        <translation>L&apos;autre extrémité sur %1 n&apos;a pas pu être supprimée&#xa0;: Jira a besoin de votre propre autorisation sur cette application pour la supprimer (identifiants requis).</translation>
    </message>
    <message>
        <source>Authorise Jira on %1 as yourself (use the link once and allow access), then delete again; or delete this end only and remove the other end in that application.</source>
        <translation>Autorisez Jira sur %1 en votre nom (utilisez le lien une fois et autorisez l&apos;accès), puis supprimez à nouveau&#xa0;; ou supprimez uniquement cette extrémité et retirez l&apos;autre dans cette application.</translation>
    </message>
    <message>
        <source>%1 could not delete its end of the link. %2</source>
        <translation>%1 n&apos;a pas pu supprimer son extrémité du lien. %2</translation>
    </message>
    <message>
        <source>Delete this end only, and remove the other end in that application.</source>
        <translation>Supprimez uniquement cette extrémité, et retirez l&apos;autre dans cette application.</translation>
    </message>
    <message>
        <source>Only system administrators may delete a system link.</source>
        <translation>Seuls les administrateurs système peuvent supprimer un lien système.</translation>
    </message>
    <message>
        <source>Ask a system administrator.</source>
        <translation>Demandez à un administrateur système.</translation>
    </message>
    <message>
        <source>This end of the link was deleted.</source>
        <translation>Cette extrémité du lien a été supprimée.</translation>
    </message>
    <message>
        <source>Nothing was deleted: this end is still there.</source>
        <translation>Rien n&apos;a été supprimé&#xa0;: cette extrémité est toujours là.</translation>
    </message>
</context>
<context>
    <name>accessdesk::AppLinkUpdater</name>
    <message>
        <source>name “%1” → “%2”</source>
        <translation>nom «&#xa0;%1&#xa0;» → «&#xa0;%2&#xa0;»</translation>
    </message>
    <message>
        <source>display URL %1 → %2</source>
        <translation>URL d&apos;affichage %1 → %2</translation>
    </message>
    <message>
        <source>application URL %1 → %2</source>
        <translation>URL de l&apos;application %1 → %2</translation>
    </message>
    <message>
        <source>Change the application link “%1”: %2?</source>
        <translation>Modifier le lien d&apos;application «&#xa0;%1&#xa0;»&#xa0;: %2&#xa0;?</translation>
    </message>
    <message>
        <source>“%1” is a system link: the application manages it, and it cannot be edited.</source>
        <translation>«&#xa0;%1&#xa0;» est un lien système&#xa0;: l&apos;application le gère, et il ne peut pas être modifié.</translation>
    </message>
    <message>
        <source>Enter a name for the link.</source>
        <translation>Saisissez un nom pour le lien.</translation>
    </message>
    <message>
        <source>“%1” is not a web address.</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;est pas une adresse web.</translation>
    </message>
    <message>
        <source>Enter the address Jira calls the application at, starting with https:// or http://.</source>
        <translation>Saisissez l&apos;adresse à laquelle Jira appelle l&apos;application, commençant par https:// ou http://.</translation>
    </message>
    <message>
        <source>Enter the address users see, starting with https:// or http://.</source>
        <translation>Saisissez l&apos;adresse que voient les utilisateurs, commençant par https:// ou http://.</translation>
    </message>
    <message>
        <source>Nothing to change: the link has these values already.</source>
        <translation>Rien à modifier&#xa0;: le lien a déjà ces valeurs.</translation>
    </message>
    <message>
        <source>Enter a new name or address.</source>
        <translation>Saisissez un nouveau nom ou une nouvelle adresse.</translation>
    </message>
</context>
<context>
    <name>accessdesk::AppLinkWizard</name>
    <message>
        <source>New application link</source>
        <translation>Nouveau lien d&apos;application</translation>
    </message>
    <message>
        <source>The link “%1” was created. It is in the list of links now, where its health is checked.</source>
        <translation>Le lien «&#xa0;%1&#xa0;» a été créé. Il figure maintenant dans la liste des liens, où son état est vérifié.</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Fermer</translation>
    </message>
</context>
<context>
    <name>accessdesk::AppLinkWizardPage</name>
    <message>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
</context>
<context>
    <name>accessdesk::AppSession</name>
    <message>
        <source>There is no saved server named “%1”. Choose one in the Server list, or add it on the Connection page.</source>
        <translation>Il n&apos;y a aucun serveur enregistré nommé «&#xa0;%1&#xa0;». Choisissez-en un dans la liste Serveur, ou ajoutez-le dans la page Connexion.</translation>
    </message>
    <message>
        <source>No server was named. Add a server on the Connection page.</source>
        <translation>Aucun serveur n&apos;a été indiqué. Ajoutez un serveur dans la page Connexion.</translation>
    </message>
    <message>
        <source>The keychain holds no password or token for “%1”. Add the server again on the Connection page.</source>
        <translation>Le trousseau ne contient aucun mot de passe ni jeton pour «&#xa0;%1&#xa0;». Ajoutez de nouveau le serveur dans la page Connexion.</translation>
    </message>
    <message>
        <source>Not connected to “%1”: no password or token was given. Choose the server in the Server list to be asked again.</source>
        <translation>Non connecté à «&#xa0;%1&#xa0;»&#xa0;: aucun mot de passe ni jeton n&apos;a été fourni. Choisissez le serveur dans la liste Serveur pour qu&apos;il vous soit redemandé.</translation>
    </message>
    <message>
        <source>The server no longer accepts the sign-in of “%1” and refused to renew it. Sign in again: edit the connection and press “Sign in in browser…”.</source>
        <translation>Le serveur n&apos;accepte plus la connexion de «&#xa0;%1&#xa0;» et a refusé de la renouveler. Reconnectez-vous&#xa0;: modifiez la connexion et cliquez sur «&#xa0;Se connecter dans le navigateur…&#xa0;».</translation>
    </message>
    <message>
        <source>No password store is running, so AccessDesk cannot read the saved sign-in of “%1”. Sign in to the server again on the Connection page.</source>
        <translation>Aucun gestionnaire de mots de passe n&apos;est en cours d&apos;exécution&#xa0;: AccessDesk ne peut donc pas lire la connexion enregistrée de «&#xa0;%1&#xa0;». Reconnectez-vous au serveur dans la page Connexion.</translation>
    </message>
    <message>
        <source>%1 cannot be written (read-only).</source>
        <translation>%1 ne peut pas être écrit (lecture seule).</translation>
    </message>
    <message>
        <source>AccessDesk could not open its local database, so this run keeps no activity log and no list from last time. %1</source>
        <translation>AccessDesk n’a pas pu ouvrir sa base de données locale : cette session ne tient donc pas de journal d’activité et n’affiche pas la liste de la dernière fois. %1</translation>
    </message>
    <message>
        <source>AccessDesk could not read the saved sign-in of “%1” from the keychain. %2</source>
        <translation>AccessDesk n’a pas pu lire dans le trousseau la connexion enregistrée de «&#xa0;%1&#xa0;». %2</translation>
    </message>
</context>
<context>
    <name>accessdesk::ApproveConsumerDialog</name>
    <message>
        <source>Consumer key</source>
        <translation>Clé du consommateur</translation>
    </message>
    <message>
        <source>Consumer name</source>
        <translation>Nom du consommateur</translation>
    </message>
    <message>
        <source>Callback URL</source>
        <translation>URL de rappel</translation>
    </message>
    <message>
        <source>Allow &amp;2-legged OAuth (requests without a user&apos;s token)</source>
        <translation>Autoriser l&apos;OAuth à &amp;2 acteurs (requêtes sans jeton d&apos;utilisateur)</translation>
    </message>
    <message>
        <source>Execute 2-legged requests as</source>
        <translation>Exécuter les requêtes à 2 acteurs en tant que</translation>
    </message>
    <message>
        <source>Allow 2-legged OAuth with &amp;impersonation</source>
        <translation>Autoriser l&apos;OAuth à 2 acteurs avec emprunt d&apos;&amp;identité</translation>
    </message>
    <message>
        <source>Approve OAuth consumer</source>
        <translation>Approuver un consommateur OAuth</translation>
    </message>
    <message>
        <source>An approved consumer is an application that may ask this Jira&apos;s users for access (OAuth 1.0a, signed with its RSA key). Users then allow or deny it one by one.</source>
        <translation>Un consommateur approuvé est une application qui peut demander l&apos;accès aux utilisateurs de ce Jira (OAuth 1.0a, signé avec sa clé RSA). Les utilisateurs l&apos;autorisent ou la refusent ensuite un par un.</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>&amp;Approve consumer</source>
        <translation>&amp;Approuver le consommateur</translation>
    </message>
    <message>
        <source>Approve consumer</source>
        <translation>Approuver le consommateur</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>%1 (%2, %3)</source>
        <translation>%1 (%2, %3)</translation>
    </message>
    <message>
        <source>Application link</source>
        <translation>Lien d&apos;application</translation>
    </message>
    <message>
        <source>About the link</source>
        <translation>À propos du lien</translation>
    </message>
    <message>
        <source>Application &amp;link:</source>
        <translation>&amp;Lien d&apos;application&#xa0;:</translation>
    </message>
    <message>
        <source>Fill in f&amp;rom:</source>
        <translation>Pré&amp;remplir depuis&#xa0;:</translation>
    </message>
    <message>
        <source>For example: release-radar</source>
        <translation>Par exemple&#xa0;: release-radar</translation>
    </message>
    <message>
        <source>Shown to users when it asks for access</source>
        <translation>Affiché aux utilisateurs lorsqu&apos;il demande l&apos;accès</translation>
    </message>
    <message>
        <source>Consumer description</source>
        <translation>Description du consommateur</translation>
    </message>
    <message>
        <source>What it does with the access, and its web address</source>
        <translation>Ce qu&apos;il fait de l&apos;accès, et son adresse web</translation>
    </message>
    <message>
        <source>Optional: https://app.example.com/oauth/callback</source>
        <translation>Facultatif&#xa0;: https://app.example.com/oauth/callback</translation>
    </message>
    <message>
        <source>Where users return after they allowed access. Without one they get a verification code to copy into the application.</source>
        <translation>Où les utilisateurs reviennent après avoir autorisé l&apos;accès. Sans cette URL, ils obtiennent un code de vérification à copier dans l&apos;application.</translation>
    </message>
    <message>
        <source>Consumer &amp;key:</source>
        <translation>Clé du &amp;consommateur&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Description&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Callback URL:</source>
        <translation>&amp;URL de rappel&#xa0;:</translation>
    </message>
    <message>
        <source>RSA &amp;public key:</source>
        <translation>Clé &amp;publique RSA&#xa0;:</translation>
    </message>
    <message>
        <source>Two-legged OAuth</source>
        <translation>OAuth à 2 acteurs</translation>
    </message>
    <message>
        <source>Allow 2-legged OAuth</source>
        <translation>Autoriser l&apos;OAuth à 2 acteurs</translation>
    </message>
    <message>
        <source>A user name; the requests can do what this user can</source>
        <translation>Un nom d&apos;utilisateur&#xa0;; les requêtes peuvent faire ce que cet utilisateur peut faire</translation>
    </message>
    <message>
        <source>Allow 2-legged OAuth with impersonation</source>
        <translation>Autoriser l&apos;OAuth à 2 acteurs avec emprunt d&apos;identité</translation>
    </message>
    <message>
        <source>&amp;Execute as:</source>
        <translation>E&amp;xécuter en tant que&#xa0;:</translation>
    </message>
    <message>
        <source>“%1” already accepts the consumer “%2”; approving replaces it.</source>
        <translation>«&#xa0;%1&#xa0;» accepte déjà le consommateur «&#xa0;%2&#xa0;»&#xa0;; l&apos;approbation le remplace.</translation>
    </message>
    <message>
        <source>2-legged requests may then act as any user the application names. Only for applications that share this Jira&apos;s users, such as another Atlassian server.</source>
        <translation>Les requêtes à 2 acteurs peuvent alors agir en tant que n&apos;importe quel utilisateur nommé par l&apos;application. Uniquement pour les applications qui partagent les utilisateurs de ce Jira, comme un autre serveur Atlassian.</translation>
    </message>
    <message>
        <source>Approving…</source>
        <translation>Approbation…</translation>
    </message>
    <message>
        <source>Create an application link for the application first.</source>
        <translation>Créez d&apos;abord un lien d&apos;application pour l&apos;application.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Nothing was sent: correct the fields marked.</source>
        <translation>Rien n&apos;a été envoyé&#xa0;: corrigez les champs signalés.</translation>
    </message>
</context>
<context>
    <name>accessdesk::BrowserSignIn</name>
    <message>
        <source>Enter the address of your Jira server first, starting with https://.</source>
        <translation>Saisissez d&apos;abord l&apos;adresse de votre serveur Jira, commençant par https://.</translation>
    </message>
    <message>
        <source>Enter the consumer key and choose the private key file first.</source>
        <translation>Saisissez d&apos;abord la clé du consommateur et choisissez le fichier de clé privée.</translation>
    </message>
    <message>
        <source>Enter the client ID first.</source>
        <translation>Saisissez d&apos;abord l&apos;ID client.</translation>
    </message>
    <message>
        <source>This address starts with http://, so the sign-in would travel unencrypted and anyone on the way could read it. Use https:// if the server offers it, or press “Test connection” to decide.</source>
        <translation>Cette adresse commence par http://, la connexion circulerait donc sans chiffrement et quiconque sur le trajet pourrait la lire. Utilisez https:// si le serveur le propose, ou cliquez sur «&#xa0;Tester la connexion&#xa0;» pour décider.</translation>
    </message>
    <message>
        <source>This sign-in method needs no browser.</source>
        <translation>Cette méthode de connexion ne nécessite pas de navigateur.</translation>
    </message>
    <message>
        <source>Access was not allowed in the browser, so you are not signed in.</source>
        <translation>L&apos;accès n&apos;a pas été autorisé dans le navigateur&#xa0;: vous n&apos;êtes donc pas connecté.</translation>
    </message>
    <message>
        <source>The sign-in in the browser did not finish in time. Try again.</source>
        <translation>La connexion dans le navigateur ne s&apos;est pas terminée à temps. Réessayez.</translation>
    </message>
    <message>
        <source>The server refused the sign-in. Try again.</source>
        <translation>Le serveur a refusé la connexion. Réessayez.</translation>
    </message>
    <message>
        <source>The server refused the sign-in: %1</source>
        <translation>Le serveur a refusé la connexion&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>accessdesk::BrowserSignInPanel</name>
    <message>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <source>Sign in in &amp;browser…</source>
        <translation>Se connecter dans le navi&amp;gateur…</translation>
    </message>
    <message>
        <source>Cancel sign-in</source>
        <translation>Annuler la connexion</translation>
    </message>
    <message>
        <source>&amp;Finish sign-in</source>
        <translation>&amp;Finaliser la connexion</translation>
    </message>
    <message>
        <source>Sign in in the browser</source>
        <translation>Connexion dans le navigateur</translation>
    </message>
    <message>
        <source>Consumer key</source>
        <translation>Clé du consommateur</translation>
    </message>
    <message>
        <source>The consumer key of the application link your Jira administrator set up for AccessDesk.</source>
        <translation>La clé du consommateur du lien d&apos;application que votre administrateur Jira a configuré pour AccessDesk.</translation>
    </message>
    <message>
        <source>Private key file</source>
        <translation>Fichier de clé privée</translation>
    </message>
    <message>
        <source>The PEM file of the consumer&apos;s private key</source>
        <translation>Le fichier PEM de la clé privée du consommateur</translation>
    </message>
    <message>
        <source>Choose the private key file</source>
        <translation>Choisir le fichier de clé privée</translation>
    </message>
    <message>
        <source>Client ID</source>
        <translation>ID client</translation>
    </message>
    <message>
        <source>The client ID of the OAuth 2.0 application your Jira administrator created for AccessDesk.</source>
        <translation>L&apos;ID client de l&apos;application OAuth 2.0 que votre administrateur Jira a créée pour AccessDesk.</translation>
    </message>
    <message>
        <source>Client secret</source>
        <translation>Secret client</translation>
    </message>
    <message>
        <source>Only if the application has one</source>
        <translation>Uniquement si l&apos;application en a un</translation>
    </message>
    <message>
        <source>Redirect port</source>
        <translation>Port de redirection</translation>
    </message>
    <message>
        <source>Any free port</source>
        <translation>N&apos;importe quel port libre</translation>
    </message>
    <message>
        <source>The port of the redirect address the application was registered with in Jira (http://127.0.0.1:PORT/callback).</source>
        <translation>Le port de l&apos;adresse de redirection avec laquelle l&apos;application a été enregistrée dans Jira (http://127.0.0.1:PORT/callback).</translation>
    </message>
    <message>
        <source>Access to allow</source>
        <translation>Accès à autoriser</translation>
    </message>
    <message>
        <source>Read only</source>
        <translation>Lecture seule</translation>
    </message>
    <message>
        <source>Read and write</source>
        <translation>Lecture et écriture</translation>
    </message>
    <message>
        <source>Administer projects</source>
        <comment>OAuth 2.0 scope ADMIN</comment>
        <translation>Administrer les projets</translation>
    </message>
    <message>
        <source>Administer Jira</source>
        <comment>OAuth 2.0 scope SYSTEM_ADMIN</comment>
        <translation>Administrer Jira</translation>
    </message>
    <message>
        <source>What AccessDesk may do as you. Revoking your own tokens needs “Read and write”; the administration pages need more.</source>
        <translation>Ce qu&apos;AccessDesk peut faire en votre nom. Révoquer vos propres jetons nécessite «&#xa0;Lecture et écriture&#xa0;»&#xa0;; les pages d&apos;administration exigent davantage.</translation>
    </message>
    <message>
        <source>Sign in in browser</source>
        <translation>Se connecter dans le navigateur</translation>
    </message>
    <message>
        <source>Opens Jira in your web browser, where you sign in and allow AccessDesk access.</source>
        <translation>Ouvre Jira dans votre navigateur web, où vous vous connectez et autorisez l&apos;accès à AccessDesk.</translation>
    </message>
    <message>
        <source>Verification code</source>
        <translation>Code de vérification</translation>
    </message>
    <message>
        <source>The code the browser shows after you allow access</source>
        <translation>Le code qu&apos;affiche le navigateur après que vous avez autorisé l&apos;accès</translation>
    </message>
    <message>
        <source>Finish sign-in</source>
        <translation>Finaliser la connexion</translation>
    </message>
    <message>
        <source>Browser sign-in status</source>
        <translation>État de la connexion dans le navigateur</translation>
    </message>
    <message>
        <source>Consumer &amp;key:</source>
        <translation>Clé du c&amp;onsommateur&#xa0;:</translation>
    </message>
    <message>
        <source>Private &amp;key file:</source>
        <translation>Fic&amp;hier de clé privée&#xa0;:</translation>
    </message>
    <message>
        <source>Client &amp;ID:</source>
        <translation>&amp;ID client&#xa0;:</translation>
    </message>
    <message>
        <source>Client s&amp;ecret:</source>
        <translation>Secret c&amp;lient&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Redirect port:</source>
        <translation>Port de &amp;redirection&#xa0;:</translation>
    </message>
    <message>
        <source>A&amp;ccess to allow:</source>
        <translation>Accès à autoris&amp;er&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Verification code:</source>
        <translation>Code de &amp;vérification&#xa0;:</translation>
    </message>
    <message>
        <source>Checking the verification code…</source>
        <translation>Contrôle du code de vérification…</translation>
    </message>
    <message>
        <source>Asking the server to start the sign-in…</source>
        <translation>Demande au serveur de démarrer la connexion…</translation>
    </message>
    <message>
        <source>Sign in and allow access in the browser, then enter the verification code it shows here.</source>
        <translation>Connectez-vous et autorisez l&apos;accès dans le navigateur, puis saisissez ici le code de vérification qu&apos;il affiche.</translation>
    </message>
    <message>
        <source>Open this address in a web browser, sign in and allow access, then enter the verification code it shows here: %1</source>
        <translation>Ouvrez cette adresse dans un navigateur web, connectez-vous et autorisez l&apos;accès, puis saisissez ici le code de vérification affiché&#xa0;: %1</translation>
    </message>
    <message>
        <source>Sign in and allow access in the browser. AccessDesk goes on as soon as the browser comes back.</source>
        <translation>Connectez-vous et autorisez l&apos;accès dans le navigateur. AccessDesk poursuit dès que le navigateur revient.</translation>
    </message>
    <message>
        <source>Open this address in a web browser, sign in and allow access. AccessDesk goes on as soon as the browser comes back: %1</source>
        <translation>Ouvrez cette adresse dans un navigateur web, connectez-vous et autorisez l&apos;accès. AccessDesk poursuit dès que le navigateur revient&#xa0;: %1</translation>
    </message>
    <message>
        <source>Signed in. Test the connection, or save it.</source>
        <translation>Connecté. Testez la connexion ou enregistrez-la.</translation>
    </message>
    <message>
        <source>The sign-in was cancelled.</source>
        <translation>La connexion a été annulée.</translation>
    </message>
    <message>
        <source>PEM private keys (*.pem *.key);;All files (*)</source>
        <translation>Clés privées PEM (*.pem *.key);;Tous les fichiers (*)</translation>
    </message>
</context>
<context>
    <name>accessdesk::ClientSecretDialog</name>
    <message>
        <source>Client ID</source>
        <translation>ID client</translation>
    </message>
    <message>
        <source>Client secret</source>
        <translation>Secret client</translation>
    </message>
    <message>
        <source>Copy client ID</source>
        <translation>Copier l&apos;ID client</translation>
    </message>
    <message>
        <source>Copy client secret</source>
        <translation>Copier le secret client</translation>
    </message>
    <message>
        <source>New OAuth 2.0 client</source>
        <translation>Nouveau client OAuth 2.0</translation>
    </message>
    <message>
        <source>New client secret</source>
        <translation>Nouveau secret client</translation>
    </message>
    <message>
        <source>The OAuth 2.0 client “%1” is registered</source>
        <translation>Le client OAuth 2.0 «&#xa0;%1&#xa0;» est enregistré</translation>
    </message>
    <message>
        <source>“%1” has a new client secret</source>
        <translation>«&#xa0;%1&#xa0;» a un nouveau secret client</translation>
    </message>
    <message>
        <source>Copy the client secret now and give it to the application. It will not be shown again: AccessDesk keeps no copy, and its lists never show it. If it is lost, reset the secret.</source>
        <translation>Copiez le secret client maintenant et remettez-le à l&apos;application. Il ne sera plus affiché&#xa0;: AccessDesk n&apos;en garde aucune copie, et ses listes ne l&apos;affichent jamais. S&apos;il est perdu, réinitialisez le secret.</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Avertissement</translation>
    </message>
    <message>
        <source>Cop&amp;y</source>
        <translation>Co&amp;pier</translation>
    </message>
    <message>
        <source>Client &amp;ID:</source>
        <translation>&amp;ID client&#xa0;:</translation>
    </message>
    <message>
        <source>Client &amp;secret:</source>
        <translation>&amp;Secret client&#xa0;:</translation>
    </message>
    <message>
        <source>Copy puts the secret on the clipboard; AccessDesk clears the clipboard after a minute if the secret is still on it.</source>
        <translation>Copier place le secret dans le presse-papiers&#xa0;; AccessDesk vide le presse-papiers au bout d&apos;une minute si le secret s&apos;y trouve encore.</translation>
    </message>
    <message>
        <source>Clipboard note</source>
        <translation>Remarque sur le presse-papiers</translation>
    </message>
    <message>
        <source>The application sends both with its token requests (client_id and client_secret).</source>
        <translation>L&apos;application envoie les deux avec ses demandes de jeton (client_id et client_secret).</translation>
    </message>
    <message>
        <source>I have copied it, close</source>
        <translation>Je l&apos;ai copié, fermer</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Remarque</translation>
    </message>
</context>
<context>
    <name>accessdesk::ConfirmationDialog</name>
    <message>
        <source>Confirmation message</source>
        <translation>Message de confirmation</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Revoke access</source>
        <translation>Révoquer l&apos;accès</translation>
    </message>
    <message>
        <source>Revoke %1 grants</source>
        <translation>Révoquer %1 autorisations</translation>
    </message>
    <message>
        <source>Note on the confirmation</source>
        <translation>Remarque sur la confirmation</translation>
    </message>
</context>
<context>
    <name>accessdesk::ConnectionDialog</name>
    <message>
        <source>Keychain notice</source>
        <translation>Avis concernant le trousseau</translation>
    </message>
    <message>
        <source>Forget</source>
        <translation>Oublier</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <source>Connect to a Jira server</source>
        <translation>Se connecter à un serveur Jira</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>Bienvenue</translation>
    </message>
    <message>
        <source>Profile name</source>
        <translation>Nom du profil</translation>
    </message>
    <message>
        <source>e.g. Work Jira</source>
        <translation>p. ex. Jira du travail</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Adresse du serveur</translation>
    </message>
    <message>
        <source>https://jira.example.com</source>
        <translation>https://jira.example.com</translation>
    </message>
    <message>
        <source>Sign in with</source>
        <translation>Se connecter avec</translation>
    </message>
    <message>
        <source>User name and password</source>
        <translation>Nom d&apos;utilisateur et mot de passe</translation>
    </message>
    <message>
        <source>Personal access token</source>
        <translation>Jeton d&apos;accès personnel</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Nom d&apos;utilisateur</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>Create one in Jira under your profile → Personal Access Tokens.</source>
        <translation>Créez-en un dans Jira sous votre profil → Personal Access Tokens.</translation>
    </message>
    <message>
        <source>Profile &amp;name:</source>
        <translation>&amp;Nom du profil&#xa0;:</translation>
    </message>
    <message>
        <source>Profile name problem</source>
        <translation>Problème de nom du profil</translation>
    </message>
    <message>
        <source>Server &amp;address:</source>
        <translation>&amp;Adresse du serveur&#xa0;:</translation>
    </message>
    <message>
        <source>Server address problem</source>
        <translation>Problème d&apos;adresse du serveur</translation>
    </message>
    <message>
        <source>&amp;Sign in with:</source>
        <translation>&amp;Se connecter avec&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>Nom d&apos;&amp;utilisateur&#xa0;:</translation>
    </message>
    <message>
        <source>User name problem</source>
        <translation>Problème de nom d&apos;utilisateur</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>Mot de &amp;passe&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>&amp;Jeton&#xa0;:</translation>
    </message>
    <message>
        <source>Password or token problem</source>
        <translation>Problème de mot de passe ou de jeton</translation>
    </message>
    <message>
        <source>Connection test result</source>
        <translation>Résultat du test de connexion</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>&amp;Tester la connexion</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Tester la connexion</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <source>Tests the connection first and saves only when the server accepts the sign-in.</source>
        <translation>Teste d&apos;abord la connexion et n&apos;enregistre que si le serveur accepte l&apos;identification.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>Avancé</translation>
    </message>
    <message>
        <source>Advanced settings</source>
        <translation>Paramètres avancés</translation>
    </message>
    <message>
        <source> seconds</source>
        <translation> secondes</translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation>Délai d&apos;attente</translation>
    </message>
    <message>
        <source>How long to wait for an answer before giving up.</source>
        <translation>Durée d&apos;attente d&apos;une réponse avant d&apos;abandonner.</translation>
    </message>
    <message>
        <source>CA certificate file</source>
        <translation>Fichier de certificat CA</translation>
    </message>
    <message>
        <source>Needed only if your company has its own CA</source>
        <translation>Nécessaire uniquement si votre entreprise a sa propre autorité de certification</translation>
    </message>
    <message>
        <source>A PEM file with your company&apos;s own certificate authority (CA), for a server whose certificate it signed. Leave empty otherwise.</source>
        <translation>Un fichier PEM contenant l&apos;autorité de certification (CA) propre à votre entreprise, pour un serveur dont elle a signé le certificat. Sinon, laissez vide.</translation>
    </message>
    <message>
        <source>Choose a CA certificate file</source>
        <translation>Choisir un fichier de certificat CA</translation>
    </message>
    <message>
        <source>Pinned certificate</source>
        <translation>Certificat épinglé</translation>
    </message>
    <message>
        <source>Forget the pinned certificate</source>
        <translation>Oublier le certificat épinglé</translation>
    </message>
    <message>
        <source>Stop trusting this certificate; the next test asks again.</source>
        <translation>Ne plus faire confiance à ce certificat&#xa0;; le prochain test redemandera.</translation>
    </message>
    <message>
        <source>T&amp;imeout:</source>
        <translation>&amp;Délai d&apos;attente&#xa0;:</translation>
    </message>
    <message>
        <source>Timeout problem</source>
        <translation>Problème de délai d&apos;attente</translation>
    </message>
    <message>
        <source>&amp;CA certificate file:</source>
        <translation>Fichier de &amp;certificat CA&#xa0;:</translation>
    </message>
    <message>
        <source>CA certificate file problem</source>
        <translation>Problème de fichier de certificat CA</translation>
    </message>
    <message>
        <source>Trusted certificate:</source>
        <translation>Certificat approuvé&#xa0;:</translation>
    </message>
    <message>
        <source>Edit connection “%1”</source>
        <translation>Modifier la connexion «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>To use another name, add a new profile and remove this one.</source>
        <translation>Pour utiliser un autre nom, ajoutez un nouveau profil et supprimez celui-ci.</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>inchangé</translation>
    </message>
    <message>
        <source>enter it again for the new address</source>
        <translation>saisissez-le de nouveau pour la nouvelle adresse</translation>
    </message>
    <message>
        <source>None: only certificates this computer trusts</source>
        <translation>Aucun&#xa0;: uniquement les certificats approuvés par cet ordinateur</translation>
    </message>
    <message>
        <source>Choose the CA certificate file</source>
        <translation>Choisir le fichier de certificat CA</translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>Certificats PEM (*.pem *.crt *.cer);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Testing the connection, then saving…</source>
        <translation>Test de la connexion, puis enregistrement…</translation>
    </message>
    <message>
        <source>Testing the connection…</source>
        <translation>Test de la connexion…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>The certificate was not trusted, so nothing was saved.</source>
        <translation>Le certificat n&apos;a pas été approuvé, rien n&apos;a donc été enregistré.</translation>
    </message>
    <message>
        <source>The certificate was not trusted, so no connection was made.</source>
        <translation>Le certificat n&apos;a pas été approuvé, aucune connexion n&apos;a donc été établie.</translation>
    </message>
    <message>
        <source>%1 is reached over plain http://. Your personal access token would be sent unencrypted with every request, and anyone on the network path (the Wi-Fi, a proxy, the provider) could read it and act as you.

Use https:// if the server offers it. Send it unencrypted only if you trust every network in between.</source>
        <translation>%1 est joint en http:// simple. Votre jeton d&apos;accès personnel serait envoyé sans chiffrement avec chaque requête, et n&apos;importe qui sur le trajet réseau (le Wi-Fi, un proxy, le fournisseur d&apos;accès) pourrait le lire et agir en votre nom.

Utilisez https:// si le serveur le propose. N&apos;envoyez sans chiffrement que si vous faites confiance à tous les réseaux intermédiaires.</translation>
    </message>
    <message>
        <source>%1 is reached over plain http://. Your password would be sent unencrypted with every request, and anyone on the network path (the Wi-Fi, a proxy, the provider) could read it and act as you.

Use https:// if the server offers it. Send it unencrypted only if you trust every network in between.</source>
        <translation>%1 est joint en http:// simple. Votre mot de passe serait envoyé sans chiffrement avec chaque requête, et n&apos;importe qui sur le trajet réseau (le Wi-Fi, un proxy, le fournisseur d&apos;accès) pourrait le lire et agir en votre nom.

Utilisez https:// si le serveur le propose. N&apos;envoyez sans chiffrement que si vous faites confiance à tous les réseaux intermédiaires.</translation>
    </message>
    <message>
        <source>Send unencrypted?</source>
        <translation>Envoyer sans chiffrement&#xa0;?</translation>
    </message>
    <message>
        <source>Send my token unencrypted</source>
        <translation>Envoyer mon jeton sans chiffrement</translation>
    </message>
    <message>
        <source>Send my password unencrypted</source>
        <translation>Envoyer mon mot de passe sans chiffrement</translation>
    </message>
    <message>
        <source>Session cookie (user name and password, signed in once)</source>
        <translation>Cookie de session (nom d&apos;utilisateur et mot de passe, connexion unique)</translation>
    </message>
    <message>
        <source>OAuth 1.0a (application link, signed in in the browser)</source>
        <translation>OAuth 1.0a (lien d&apos;application, connexion dans le navigateur)</translation>
    </message>
    <message>
        <source>OAuth 2.0 (signed in in the browser)</source>
        <translation>OAuth 2.0 (connexion dans le navigateur)</translation>
    </message>
</context>
<context>
    <name>accessdesk::ConnectionPage</name>
    <message>
        <source>Add…</source>
        <translation>Ajouter…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Modifier…</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>Supprimer…</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Tester</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Se connecter</translation>
    </message>
    <message>
        <source>Current profile</source>
        <translation>Profil actuel</translation>
    </message>
    <message>
        <source>Current server</source>
        <translation>Serveur actuel</translation>
    </message>
    <message>
        <source>Current Jira version</source>
        <translation>Version actuelle de Jira</translation>
    </message>
    <message>
        <source>Current server address</source>
        <translation>Adresse actuelle du serveur</translation>
    </message>
    <message>
        <source>Signed in as</source>
        <translation>Connecté en tant que</translation>
    </message>
    <message>
        <source>Jira administrator</source>
        <translation>Administrateur Jira</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>Connection profiles</source>
        <translation>Profils de connexion</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Serveur</translation>
    </message>
    <message>
        <source>Sign-in</source>
        <translation>Identification</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <source>Certificate pinned</source>
        <translation>Certificat épinglé</translation>
    </message>
    <message>
        <source>Add a connection profile</source>
        <translation>Ajouter un profil de connexion</translation>
    </message>
    <message>
        <source>Edit the selected profile</source>
        <translation>Modifier le profil sélectionné</translation>
    </message>
    <message>
        <source>Remove the selected profile</source>
        <translation>Supprimer le profil sélectionné</translation>
    </message>
    <message>
        <source>Test the selected profile</source>
        <translation>Tester le profil sélectionné</translation>
    </message>
    <message>
        <source>Connect with the selected profile</source>
        <translation>Se connecter avec le profil sélectionné</translation>
    </message>
    <message>
        <source>Switch the app to this server.</source>
        <translation>Basculer l&apos;application sur ce serveur.</translation>
    </message>
    <message>
        <source>Profile status</source>
        <translation>État du profil</translation>
    </message>
    <message>
        <source>Current connection</source>
        <translation>Connexion actuelle</translation>
    </message>
    <message>
        <source>Profile:</source>
        <translation>Profil&#xa0;:</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Serveur&#xa0;:</translation>
    </message>
    <message>
        <source>Jira version:</source>
        <translation>Version de Jira&#xa0;:</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Adresse&#xa0;:</translation>
    </message>
    <message>
        <source>Signed in as:</source>
        <translation>Connecté en tant que&#xa0;:</translation>
    </message>
    <message>
        <source>Administrator:</source>
        <translation>Administrateur&#xa0;:</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <source>No connection profiles yet. Use Add… to connect to your Jira server.</source>
        <translation>Aucun profil de connexion pour l&apos;instant. Utilisez Ajouter… pour vous connecter à votre serveur Jira.</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Non connecté</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Saved “%1”.</source>
        <translation>«&#xa0;%1&#xa0;» enregistré.</translation>
    </message>
    <message>
        <source>Welcome to AccessDesk. Connect to your Jira server to see every application and token that can act as you, and revoke what you no longer use.</source>
        <translation>Bienvenue dans AccessDesk. Connectez-vous à votre serveur Jira pour voir toutes les applications et tous les jetons qui peuvent agir en votre nom, et révoquer ce que vous n&apos;utilisez plus.</translation>
    </message>
    <message>
        <source>Remove connection profile</source>
        <translation>Supprimer le profil de connexion</translation>
    </message>
    <message>
        <source>Remove the connection profile “%1”?

Its stored password or token is deleted from the keychain and its saved lists from this computer. Nothing changes on the server; you can add the profile again later.</source>
        <translation>Supprimer le profil de connexion «&#xa0;%1&#xa0;»&#xa0;?

Son mot de passe ou jeton enregistré est supprimé du trousseau et ses listes enregistrées de cet ordinateur. Rien ne change sur le serveur&#xa0;; vous pourrez ajouter de nouveau le profil plus tard.</translation>
    </message>
    <message>
        <source>Remove profile</source>
        <translation>Supprimer le profil</translation>
    </message>
    <message>
        <source>Removed “%1”.</source>
        <translation>«&#xa0;%1&#xa0;» supprimé.</translation>
    </message>
    <message>
        <source>“%1” was already removed.</source>
        <translation>«&#xa0;%1&#xa0;» avait déjà été supprimé.</translation>
    </message>
    <message>
        <source>“%1” was kept: the keychain refused to delete its password or token (%2). Try again once the keychain is unlocked.</source>
        <translation>«&#xa0;%1&#xa0;» a été conservé&#xa0;: le trousseau a refusé de supprimer son mot de passe ou son jeton (%2). Réessayez une fois le trousseau déverrouillé.</translation>
    </message>
    <message>
        <source>“%1” could not be removed from the settings.</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;a pas pu être supprimé des paramètres.</translation>
    </message>
    <message>
        <source>Testing “%1”…</source>
        <translation>Test de «&#xa0;%1&#xa0;»…</translation>
    </message>
    <message>
        <source>Use Edit… to look at the certificate and decide.</source>
        <translation>Utilisez Modifier… pour examiner le certificat et décider.</translation>
    </message>
    <message>
        <source>Use Edit… to decide whether to send it unencrypted.</source>
        <translation>Utilisez Modifier… pour décider s&apos;il faut l&apos;envoyer sans chiffrement.</translation>
    </message>
    <message>
        <source>Use Edit… to enter it again.</source>
        <translation>Utilisez Modifier… pour le saisir de nouveau.</translation>
    </message>
    <message>
        <source>User name and password</source>
        <translation>Nom d&apos;utilisateur et mot de passe</translation>
    </message>
    <message>
        <source>Personal access token</source>
        <translation>Jeton d&apos;accès personnel</translation>
    </message>
    <message>
        <source>Session (password, cookie)</source>
        <translation>Session (mot de passe, cookie)</translation>
    </message>
    <message>
        <source>OAuth 1.0a</source>
        <translation>OAuth 1.0a</translation>
    </message>
    <message>
        <source>OAuth 2.0</source>
        <translation>OAuth 2.0</translation>
    </message>
</context>
<context>
    <name>accessdesk::ConsumerApproval</name>
    <message>
        <source>There is no application link with the id %1.</source>
        <translation>Il n&apos;existe aucun lien d&apos;application ayant l&apos;ID %1.</translation>
    </message>
    <message>
        <source>Check the id in the list of application links.</source>
        <translation>Vérifiez l&apos;ID dans la liste des liens d&apos;application.</translation>
    </message>
    <message>
        <source>The consumer was not approved.</source>
        <translation>Le consommateur n&apos;a pas été approuvé.</translation>
    </message>
    <message>
        <source>The consumer was not approved: impersonation needs a Jira system administrator.</source>
        <translation>Le consommateur n&apos;a pas été approuvé&#xa0;: l&apos;emprunt d&apos;identité nécessite un administrateur système Jira.</translation>
    </message>
    <message>
        <source>Nothing was sent: correct the fields named.</source>
        <translation>Rien n&apos;a été envoyé&#xa0;: corrigez les champs indiqués.</translation>
    </message>
    <message>
        <source>The server refused impersonation: only Jira system administrators may allow it.</source>
        <translation>Le serveur a refusé l&apos;emprunt d&apos;identité&#xa0;: seuls les administrateurs système Jira peuvent l&apos;autoriser.</translation>
    </message>
    <message>
        <source>The server accepted the consumer, but reading it back did not confirm it: %1</source>
        <translation>Le serveur a accepté le consommateur, mais sa relecture ne l&apos;a pas confirmé&#xa0;: %1</translation>
    </message>
    <message>
        <source>Show the link&apos;s consumer to see what Jira holds now, and approve it again if needed.</source>
        <translation>Affichez le consommateur du lien pour voir ce que Jira détient maintenant, et approuvez-le de nouveau si nécessaire.</translation>
    </message>
    <message>
        <source>the link lists no consumer with the key “%1”.</source>
        <translation>le lien ne liste aucun consommateur ayant la clé «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>the public key Jira shows is not the one sent (SHA-256 %1).</source>
        <translation>la clé publique affichée par Jira n&apos;est pas celle envoyée (SHA-256 %1).</translation>
    </message>
    <message>
        <source>The consumer “%1” is approved on “%2”. Jira holds its %3-bit public key with the SHA-256 fingerprint %4.</source>
        <translation>Le consommateur «&#xa0;%1&#xa0;» est approuvé sur «&#xa0;%2&#xa0;». Jira détient sa clé publique de %3 bits, d&apos;empreinte SHA-256 %4.</translation>
    </message>
</context>
<context>
    <name>accessdesk::ConsumerInfoFetcher</name>
    <message>
        <source>Enter the remote application&apos;s address as an absolute http:// or https:// URL, such as https://confluence.example.com.</source>
        <translation>Saisissez l&apos;adresse de l&apos;application distante sous forme d&apos;URL absolue http:// ou https://, par exemple https://confluence.example.com.</translation>
    </message>
    <message>
        <source>%1 published the consumer “%2” with a %3-bit public key (SHA-256 %4).</source>
        <translation>%1 a publié le consommateur «&#xa0;%2&#xa0;» avec une clé publique de %3 bits (SHA-256 %4).</translation>
    </message>
    <message>
        <source>%1 published the consumer “%2”, but its public key cannot be used: %3</source>
        <translation>%1 a publié le consommateur «&#xa0;%2&#xa0;», mais sa clé publique est inutilisable&#xa0;: %3</translation>
    </message>
    <message>
        <source>Check the address, or enter the consumer key, name and public key by hand.</source>
        <translation>Vérifiez l&apos;adresse, ou saisissez manuellement la clé du consommateur, son nom et sa clé publique.</translation>
    </message>
    <message>
        <source>Nothing was filled in.</source>
        <translation>Rien n&apos;a été renseigné.</translation>
    </message>
    <message>
        <source>%1 publishes no OAuth consumer information (%2 answered “not found”). It may not be an Atlassian application, or the address lacks its context path (such as /jira).</source>
        <translation>%1 ne publie aucune information de consommateur OAuth (%2 a répondu «&#xa0;introuvable&#xa0;»). Ce n&apos;est peut-être pas une application Atlassian, ou il manque à l&apos;adresse son chemin de contexte (comme /jira).</translation>
    </message>
    <message>
        <source>%1 answered with a web page or another document instead of OAuth consumer information, perhaps a login page or a proxy&apos;s (%2).</source>
        <translation>%1 a répondu par une page web ou un autre document au lieu d&apos;informations de consommateur OAuth, peut-être une page de connexion ou celle d&apos;un proxy (%2).</translation>
    </message>
    <message>
        <source>The certificate of %1 is not trusted, so its consumer information was not read.</source>
        <translation>Le certificat de %1 n&apos;est pas approuvé&#xa0;: ses informations de consommateur n&apos;ont donc pas été lues.</translation>
    </message>
    <message>
        <source>Subject: %1; issuer: %2; SHA-256: %3.</source>
        <translation>Sujet&#xa0;: %1&#xa0;; émetteur&#xa0;: %2&#xa0;; SHA-256&#xa0;: %3.</translation>
    </message>
    <message>
        <source>Trust the remote&apos;s certificate authority (the CA file option), or enter the consumer key, name and public key by hand.</source>
        <translation>Faites confiance à l&apos;autorité de certification de l&apos;application distante (l&apos;option du fichier CA), ou saisissez manuellement la clé du consommateur, son nom et sa clé publique.</translation>
    </message>
    <message>
        <source>%1 could not be reached: %2</source>
        <translation>%1 est injoignable&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1 refused to show its consumer information to an anonymous request, which Atlassian applications do not do.</source>
        <translation>%1 a refusé de montrer ses informations de consommateur à une requête anonyme, ce que les applications Atlassian ne font pas.</translation>
    </message>
</context>
<context>
    <name>accessdesk::ConsumerKeyEditor</name>
    <message>
        <source>L&amp;oad from file…</source>
        <translation>Charger depuis un &amp;fichier…</translation>
    </message>
    <message>
        <source>&amp;Generate key pair…</source>
        <translation>&amp;Générer une paire de clés…</translation>
    </message>
    <message>
        <source>Public key</source>
        <translation>Clé publique</translation>
    </message>
    <message>
        <source>Paste the consumer&apos;s RSA public key: PEM (-----BEGIN PUBLIC KEY-----) or bare base64, at least 2048 bits.</source>
        <translation>Collez la clé publique RSA du consommateur&#xa0;: PEM (-----BEGIN PUBLIC KEY-----) ou base64 seul, d&apos;au moins 2048 bits.</translation>
    </message>
    <message>
        <source>Load the public key from a file</source>
        <translation>Charger la clé publique depuis un fichier</translation>
    </message>
    <message>
        <source>Read a PEM or base64 public key (or a certificate) from a file</source>
        <translation>Lire une clé publique PEM ou base64 (ou un certificat) depuis un fichier</translation>
    </message>
    <message>
        <source>Generate a key pair</source>
        <translation>Générer une paire de clés</translation>
    </message>
    <message>
        <source>Make a new RSA key pair: the private key goes to a file you choose, the public key into this form</source>
        <translation>Créer une nouvelle paire de clés RSA&#xa0;: la clé privée va dans un fichier de votre choix, la clé publique dans ce formulaire</translation>
    </message>
    <message>
        <source>Public key fingerprint</source>
        <translation>Empreinte de la clé publique</translation>
    </message>
    <message>
        <source>Key pair</source>
        <translation>Paire de clés</translation>
    </message>
    <message>
        <source>RSA, %1 bits. SHA-256 fingerprint: %2</source>
        <translation>RSA, %1 bits. Empreinte SHA-256&#xa0;: %2</translation>
    </message>
    <message>
        <source>Load the consumer&apos;s public key</source>
        <translation>Charger la clé publique du consommateur</translation>
    </message>
    <message>
        <source>Keys and certificates (*.pem *.pub *.crt *.cer *.key);;All files (*)</source>
        <translation>Clés et certificats (*.pem *.pub *.crt *.cer *.key);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>%1 could not be read: %2</source>
        <translation>%1 est illisible&#xa0;: %2</translation>
    </message>
    <message>
        <source>%1 holds a private key. Load the public key instead: Jira needs only that, and the private key must stay with the consumer&apos;s application.</source>
        <translation>%1 contient une clé privée. Chargez plutôt la clé publique&#xa0;: Jira n&apos;a besoin que d&apos;elle, et la clé privée doit rester chez l&apos;application consommatrice.</translation>
    </message>
    <message>
        <source>Loaded from %1.</source>
        <translation>Chargée depuis %1.</translation>
    </message>
    <message>
        <source>Save the new private key</source>
        <translation>Enregistrer la nouvelle clé privée</translation>
    </message>
    <message>
        <source>PEM files (*.pem);;All files (*)</source>
        <translation>Fichiers PEM (*.pem);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Replace the file?</source>
        <translation>Remplacer le fichier&#xa0;?</translation>
    </message>
    <message>
        <source>%1 already exists. Replace it with the new private key? What it holds now is lost, and whatever uses it stops working.</source>
        <translation>%1 existe déjà. Le remplacer par la nouvelle clé privée&#xa0;? Son contenu actuel sera perdu, et tout ce qui l&apos;utilise cessera de fonctionner.</translation>
    </message>
    <message>
        <source>Replace file</source>
        <translation>Remplacer le fichier</translation>
    </message>
    <message>
        <source>No key pair was made: %1 was kept as it is.</source>
        <translation>Aucune paire de clés n&apos;a été créée&#xa0;: %1 a été conservé tel quel.</translation>
    </message>
    <message>
        <source>Making a new key pair…</source>
        <translation>Création d&apos;une nouvelle paire de clés…</translation>
    </message>
    <message>
        <source>The file has mode 0600; give it to the consumer&apos;s application only.</source>
        <translation>Le fichier a le mode 0600&#xa0;; ne le remettez qu&apos;à l&apos;application consommatrice.</translation>
    </message>
</context>
<context>
    <name>accessdesk::ConsumerKeyGenerator</name>
    <message>
        <source>A new %1-bit key pair was made. The private key is in %2, readable by you only; AccessDesk keeps no copy of it.</source>
        <translation>Une nouvelle paire de clés de %1 bits a été créée. La clé privée se trouve dans %2, lisible par vous seul&#xa0;; AccessDesk n&apos;en garde aucune copie.</translation>
    </message>
    <message>
        <source>No key pair was made.</source>
        <translation>Aucune paire de clés n&apos;a été créée.</translation>
    </message>
</context>
<context>
    <name>accessdesk::ConsumerRemoval</name>
    <message>
        <source>Nothing was removed.</source>
        <translation>Rien n&apos;a été supprimé.</translation>
    </message>
    <message>
        <source>Every access token users gave “%1” stops working at once, and “%1” can no longer ask users for access through “%2”. Jira does not report how many users had authorised it.</source>
        <translation>Tous les jetons d&apos;accès que les utilisateurs ont accordés à «&#xa0;%1&#xa0;» cessent immédiatement de fonctionner, et «&#xa0;%1&#xa0;» ne peut plus demander l&apos;accès aux utilisateurs via «&#xa0;%2&#xa0;». Jira n&apos;indique pas combien d&apos;utilisateurs l&apos;avaient autorisé.</translation>
    </message>
    <message>
        <source>“%1” has no incoming OAuth consumer; nothing was removed.</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;a aucun consommateur OAuth entrant&#xa0;; rien n&apos;a été supprimé.</translation>
    </message>
    <message>
        <source>The consumer of “%1” is now “%2”, not “%3”: it changed since you looked. Nothing was removed.</source>
        <translation>Le consommateur de «&#xa0;%1&#xa0;» est désormais «&#xa0;%2&#xa0;», et non «&#xa0;%3&#xa0;»&#xa0;: il a changé depuis que vous l&apos;avez consulté. Rien n&apos;a été supprimé.</translation>
    </message>
    <message>
        <source>Show the link&apos;s consumer again, then confirm its removal.</source>
        <translation>Affichez de nouveau le consommateur du lien, puis confirmez sa suppression.</translation>
    </message>
    <message>
        <source>the consumer form answered: %1</source>
        <translation>le formulaire du consommateur a répondu&#xa0;: %1</translation>
    </message>
    <message>
        <source>the link&apos;s OAuth status could not be read: %1</source>
        <translation>l&apos;état OAuth du lien n&apos;a pas pu être lu&#xa0;: %1</translation>
    </message>
    <message>
        <source>disabling incoming OAuth was refused: %1</source>
        <translation>la désactivation de l&apos;OAuth entrant a été refusée&#xa0;: %1</translation>
    </message>
    <message>
        <source>The consumer “%1” is removed from “%2”: every token users gave it has stopped working.</source>
        <translation>Le consommateur «&#xa0;%1&#xa0;» est supprimé de «&#xa0;%2&#xa0;»&#xa0;: tous les jetons que les utilisateurs lui ont accordés ont cessé de fonctionner.</translation>
    </message>
    <message>
        <source>The removal was cancelled; check the link&apos;s consumer to see if it is gone.</source>
        <translation>La suppression a été annulée&#xa0;; vérifiez le consommateur du lien pour voir s&apos;il a disparu.</translation>
    </message>
    <message>
        <source>AccessDesk asked Jira to remove the consumer “%1” from “%2”, but could not read it back: %3</source>
        <translation>AccessDesk a demandé à Jira de supprimer le consommateur «&#xa0;%1&#xa0;» de «&#xa0;%2&#xa0;», mais n&apos;a pas pu le relire&#xa0;: %3</translation>
    </message>
    <message>
        <source>Jira still lists the consumer “%1” on “%2” after AccessDesk asked to remove it.</source>
        <translation>Jira liste toujours le consommateur «&#xa0;%1&#xa0;» sur «&#xa0;%2&#xa0;» après la demande de suppression d&apos;AccessDesk.</translation>
    </message>
    <message>
        <source>What Jira said: %1.</source>
        <translation>Réponse de Jira&#xa0;: %1.</translation>
    </message>
    <message>
        <source>Remove it in Jira&apos;s administration: Application links, edit “%1”, Incoming authentication, then check again with “show”.</source>
        <translation>Supprimez-le dans l&apos;administration de Jira&#xa0;: Liens d&apos;application, modifier «&#xa0;%1&#xa0;», Authentification entrante, puis vérifiez de nouveau avec «&#xa0;show&#xa0;».</translation>
    </message>
</context>
<context>
    <name>accessdesk::ConsumersController</name>
    <message>
        <source>The connection changed to another server before the answer came.</source>
        <translation>La connexion est passée à un autre serveur avant l&apos;arrivée de la réponse.</translation>
    </message>
    <message>
        <source>Look at the list of consumers, then try again if needed.</source>
        <translation>Consultez la liste des consommateurs, puis réessayez si nécessaire.</translation>
    </message>
</context>
<context>
    <name>accessdesk::CreateTokenDialog</name>
    <message>
        <source>New personal access token</source>
        <translation>Nouveau jeton d&apos;accès personnel</translation>
    </message>
    <message>
        <source>The connection changed before the server answered. Try again; if My access then lists two tokens of this name, revoke one.</source>
        <translation>La connexion a changé avant la réponse du serveur. Réessayez&#xa0;; si Mes accès liste alors deux jetons de ce nom, révoquez-en un.</translation>
    </message>
    <message>
        <source>A personal access token lets a script or tool act as you on %1, with everything you are allowed to do there. Use it instead of your password; revoke it in My access when you no longer need it.</source>
        <translation>Un jeton d&apos;accès personnel permet à un script ou à un outil d&apos;agir en votre nom sur %1, avec tout ce que vous êtes autorisé à y faire. Utilisez-le à la place de votre mot de passe&#xa0;; révoquez-le dans Mes accès lorsque vous n&apos;en avez plus besoin.</translation>
    </message>
    <message>
        <source>For example: laptop-cli</source>
        <translation>Par exemple&#xa0;: laptop-cli</translation>
    </message>
    <message>
        <source>Token name</source>
        <translation>Nom du jeton</translation>
    </message>
    <message>
        <source>A name that reminds you where the token is used.</source>
        <translation>Un nom qui vous rappelle où le jeton est utilisé.</translation>
    </message>
    <message>
        <source>Expires after</source>
        <translation>Expire après</translation>
    </message>
    <message>
        <source>Token expires</source>
        <translation>Expiration du jeton</translation>
    </message>
    <message>
        <source> days</source>
        <translation> jours</translation>
    </message>
    <message>
        <source>Days until the token expires</source>
        <translation>Jours avant l&apos;expiration du jeton</translation>
    </message>
    <message>
        <source>Never expires</source>
        <translation>N&apos;expire jamais</translation>
    </message>
    <message>
        <source>Token never expires</source>
        <translation>Le jeton n&apos;expire jamais</translation>
    </message>
    <message>
        <source>This server lets a token last at most %1 days.</source>
        <translation>Ce serveur limite la durée d&apos;un jeton à %1 jours au maximum.</translation>
    </message>
    <message>
        <source>Jira allows at most 365 days unless its administrator chose another limit. Some servers do not allow tokens that never expire.</source>
        <translation>Jira autorise au plus 365 jours, sauf si son administrateur a choisi une autre limite. Certains serveurs n&apos;autorisent pas les jetons qui n&apos;expirent jamais.</translation>
    </message>
    <message>
        <source>Expiry limit</source>
        <translation>Limite d&apos;expiration</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom&#xa0;:</translation>
    </message>
    <message>
        <source>Expiry:</source>
        <translation>Expiration&#xa0;:</translation>
    </message>
    <message>
        <source>Create token</source>
        <translation>Créer le jeton</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Copy the token now and keep it somewhere safe. It will not be shown again: once you close this window, neither AccessDesk nor the server can show it to you.</source>
        <translation>Copiez le jeton maintenant et conservez-le en lieu sûr. Il ne sera plus affiché&#xa0;: une fois cette fenêtre fermée, ni AccessDesk ni le serveur ne pourront vous le montrer.</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Avertissement</translation>
    </message>
    <message>
        <source>New token</source>
        <translation>Nouveau jeton</translation>
    </message>
    <message>
        <source>Copy token</source>
        <translation>Copier le jeton</translation>
    </message>
    <message>
        <source>Copy puts the token on the clipboard; AccessDesk clears the clipboard after a minute if the token is still on it.</source>
        <translation>Copier place le jeton dans le presse-papiers&#xa0;; AccessDesk vide le presse-papiers au bout d&apos;une minute si le jeton s&apos;y trouve encore.</translation>
    </message>
    <message>
        <source>Clipboard note</source>
        <translation>Remarque sur le presse-papiers</translation>
    </message>
    <message>
        <source>Token expiry</source>
        <translation>Expiration du jeton</translation>
    </message>
    <message>
        <source>Tools send it in the header “Authorization: Bearer &lt;token&gt;”.</source>
        <translation>Les outils l&apos;envoient dans l&apos;en-tête «&#xa0;Authorization: Bearer &lt;token&gt;&#xa0;».</translation>
    </message>
    <message>
        <source>I have copied it, close</source>
        <translation>Je l&apos;ai copié, fermer</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Creating…</source>
        <translation>Création…</translation>
    </message>
    <message>
        <source>Your new token “%1”</source>
        <translation>Votre nouveau jeton «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>It expires on %1.</source>
        <translation>Il expire le %1.</translation>
    </message>
    <message>
        <source>It never expires; revoke it in My access when you no longer need it.</source>
        <translation>Il n&apos;expire jamais&#xa0;; révoquez-le dans Mes accès lorsque vous n&apos;en avez plus besoin.</translation>
    </message>
</context>
<context>
    <name>accessdesk::DateCellDelegate</name>
    <message>
        <source>expired %1</source>
        <comment>%1 is a relative time such as &quot;3 days ago&quot; or &quot;yesterday&quot;</comment>
        <translation>expiré %1</translation>
    </message>
</context>
<context>
    <name>accessdesk::DesktopApp</name>
    <message>
        <source>The command line cannot be used: %1.</source>
        <translation>La ligne de commande est inutilisable&#xa0;: %1.</translation>
    </message>
</context>
<context>
    <name>accessdesk::ExpiryBanner</name>
    <message>
        <source>Dismiss</source>
        <translation>Masquer</translation>
    </message>
    <message>
        <source>Grants that expire soon</source>
        <translation>Autorisations qui expirent bientôt</translation>
    </message>
    <message>
        <source>Dismiss the expiry notice</source>
        <translation>Masquer l&apos;avis d&apos;expiration</translation>
    </message>
    <message>
        <source>Hide this notice. These grants will not be announced again.</source>
        <translation>Masquer cet avis. Ces autorisations ne seront plus annoncées.</translation>
    </message>
    <message>
        <source>Create a replacement…</source>
        <translation>Créer un remplacement…</translation>
    </message>
    <message>
        <source>Create a replacement for %1</source>
        <translation>Créer un remplacement pour %1</translation>
    </message>
    <message numerus="yes">
        <source>Create a new personal access token named “%1” that lasts %n day(s), as this one did. Its secret is shown once.</source>
        <translation>
            <numerusform>Créer un nouveau jeton d&apos;accès personnel nommé «&#xa0;%1&#xa0;», valable %n jour comme celui-ci. Son secret n&apos;est affiché qu&apos;une fois.</numerusform>
            <numerusform>Créer un nouveau jeton d&apos;accès personnel nommé «&#xa0;%1&#xa0;», valable %n jours comme celui-ci. Son secret n&apos;est affiché qu&apos;une fois.</numerusform>
        </translation>
    </message>
    <message>
        <source>Revoke…</source>
        <translation>Révoquer…</translation>
    </message>
    <message>
        <source>Revoke %1</source>
        <translation>Révoquer %1</translation>
    </message>
</context>
<context>
    <name>accessdesk::ExpiryTray</name>
    <message>
        <source>AccessDesk: grants expire soon</source>
        <translation>AccessDesk&#xa0;: des autorisations expirent bientôt</translation>
    </message>
</context>
<context>
    <name>accessdesk::LinkConsumerJob</name>
    <message>
        <source>There is no application link with the id %1.</source>
        <translation>Il n&apos;existe aucun lien d&apos;application ayant l&apos;ID %1.</translation>
    </message>
    <message>
        <source>Check the id in the list of application links.</source>
        <translation>Vérifiez l&apos;ID dans la liste des liens d&apos;application.</translation>
    </message>
</context>
<context>
    <name>accessdesk::LinkConsumerReader</name>
    <message>
        <source>The consumer could not be shown.</source>
        <translation>Le consommateur n&apos;a pas pu être affiché.</translation>
    </message>
    <message>
        <source>“%1” has no incoming OAuth consumer.</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;a aucun consommateur OAuth entrant.</translation>
    </message>
    <message>
        <source>“%1” accepts the OAuth consumer “%2”; its public key&apos;s SHA-256 fingerprint is %3.</source>
        <translation>«&#xa0;%1&#xa0;» accepte le consommateur OAuth «&#xa0;%2&#xa0;»&#xa0;; l&apos;empreinte SHA-256 de sa clé publique est %3.</translation>
    </message>
    <message>
        <source>“%1” accepts the OAuth consumer “%2”.</source>
        <translation>«&#xa0;%1&#xa0;» accepte le consommateur OAuth «&#xa0;%2&#xa0;».</translation>
    </message>
</context>
<context>
    <name>accessdesk::LoopbackRedirectListener</name>
    <message>
        <source>Access was not granted in the browser.</source>
        <translation>L&apos;accès n&apos;a pas été accordé dans le navigateur.</translation>
    </message>
    <message>
        <source>The server refused the authorisation (%1).</source>
        <translation>Le serveur a refusé l&apos;autorisation (%1).</translation>
    </message>
    <message>
        <source>The server refused the authorisation (%1: %2).</source>
        <translation>Le serveur a refusé l&apos;autorisation (%1&#xa0;: %2).</translation>
    </message>
    <message>
        <source>The browser returned without an authorisation code.</source>
        <translation>Le navigateur est revenu sans code d&apos;autorisation.</translation>
    </message>
    <message>
        <source>No answer came from the browser in time. Start the sign-in again.</source>
        <translation>Aucune réponse du navigateur n&apos;est arrivée à temps. Relancez la connexion.</translation>
    </message>
    <message>
        <source>AccessDesk could not listen on 127.0.0.1 for the browser&apos;s answer.</source>
        <translation>AccessDesk n&apos;a pas pu écouter sur 127.0.0.1 la réponse du navigateur.</translation>
    </message>
    <message>
        <source>The sign-in was cancelled.</source>
        <translation>La connexion a été annulée.</translation>
    </message>
    <message>
        <source>This sign-in has already ended.</source>
        <translation>Cette connexion est déjà terminée.</translation>
    </message>
</context>
<context>
    <name>accessdesk::MainWindow</name>
    <message>
        <source>AccessDesk</source>
        <translation>AccessDesk</translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation>Navigation</translation>
    </message>
    <message>
        <source>My access</source>
        <translation>Mes accès</translation>
    </message>
    <message>
        <source>Administration</source>
        <translation>Administration</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Activité</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>Page</translation>
    </message>
    <message>
        <source>Administration arrives in a later version.</source>
        <translation>L&apos;administration arrivera dans une version ultérieure.</translation>
    </message>
    <message>
        <source>The activity log arrives in a later version.</source>
        <translation>Le journal d&apos;activité arrivera dans une version ultérieure.</translation>
    </message>
    <message>
        <source>Connection settings arrive in a later version.</source>
        <translation>Les paramètres de connexion arriveront dans une version ultérieure.</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Serveur</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <source>Connection state</source>
        <translation>État de la connexion</translation>
    </message>
    <message>
        <source>Last refresh</source>
        <translation>Dernière actualisation</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Serveur&#xa0;:</translation>
    </message>
    <message>
        <source>Server to connect to</source>
        <translation>Serveur auquel se connecter</translation>
    </message>
    <message>
        <source>Switch to another saved server</source>
        <translation>Basculer vers un autre serveur enregistré</translation>
    </message>
    <message>
        <source>Add server…</source>
        <translation>Ajouter un serveur…</translation>
    </message>
    <message>
        <source>Add server</source>
        <translation>Ajouter un serveur</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Non connecté</translation>
    </message>
    <message>
        <source>Not connected — add a server on the Connection page.</source>
        <translation>Non connecté — ajoutez un serveur dans la page Connexion.</translation>
    </message>
    <message>
        <source>Add a server…</source>
        <translation>Ajouter un serveur…</translation>
    </message>
    <message>
        <source>Add a server</source>
        <translation>Ajouter un serveur</translation>
    </message>
    <message>
        <source>%1 as %2</source>
        <translation>%1 en tant que %2</translation>
    </message>
    <message>
        <source>%1 (from the command line)</source>
        <translation>%1 (depuis la ligne de commande)</translation>
    </message>
    <message>
        <source>No server saved yet</source>
        <translation>Aucun serveur enregistré pour l&apos;instant</translation>
    </message>
    <message>
        <source>Choose a server</source>
        <translation>Choisir un serveur</translation>
    </message>
    <message>
        <source>Could not connect</source>
        <translation>Connexion impossible</translation>
    </message>
    <message>
        <source>Connection problem</source>
        <translation>Problème de connexion</translation>
    </message>
    <message>
        <source>Server: none</source>
        <translation>Serveur&#xa0;: aucun</translation>
    </message>
    <message>
        <source>User: none</source>
        <translation>Utilisateur&#xa0;: aucun</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Connexion à %1…</translation>
    </message>
    <message>
        <source>Not connected: %1</source>
        <translation>Non connecté&#xa0;: %1</translation>
    </message>
    <message>
        <source>Not connected — add a server on the Connection page</source>
        <translation>Non connecté — ajoutez un serveur dans la page Connexion</translation>
    </message>
    <message>
        <source>Not refreshed yet</source>
        <translation>Pas encore actualisé</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>Serveur&#xa0;: %1</translation>
    </message>
    <message>
        <source>User: %1</source>
        <translation>Utilisateur&#xa0;: %1</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <source>Refreshing…</source>
        <translation>Actualisation…</translation>
    </message>
    <message>
        <source>Revoking…</source>
        <translation>Révocation…</translation>
    </message>
    <message>
        <source>Connected; could not switch: %1</source>
        <translation>Connecté&#xa0;; impossible de basculer&#xa0;: %1</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Connecté</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <source>Last refresh: %1</source>
        <translation>Dernière actualisation&#xa0;: %1</translation>
    </message>
    <message>
        <source>&amp;Add server…</source>
        <translation>&amp;Ajouter un serveur…</translation>
    </message>
    <message>
        <source>Add a Jira server and the way to sign in to it.</source>
        <translation>Ajouter un serveur Jira et la façon de s&apos;y connecter.</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exporter…</translation>
    </message>
    <message>
        <source>Save the rows the current page shows as a CSV file.</source>
        <translation>Enregistrer dans un fichier CSV les lignes affichées par la page actuelle.</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Rechercher</translation>
    </message>
    <message>
        <source>Put the cursor in the current page&apos;s filter.</source>
        <translation>Placer le curseur dans le filtre de la page actuelle.</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <source>Ask the server for the current page again.</source>
        <translation>Redemander la page actuelle au serveur.</translation>
    </message>
    <message>
        <source>&amp;Switch server…</source>
        <translation>&amp;Changer de serveur…</translation>
    </message>
    <message>
        <source>Open the list of saved servers.</source>
        <translation>Ouvrir la liste des serveurs enregistrés.</translation>
    </message>
    <message>
        <source>Show the page %1.</source>
        <translation>Afficher la page %1.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>Close AccessDesk.</source>
        <translation>Fermer AccessDesk.</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Préférences…</translation>
    </message>
    <message>
        <source>Choose the language and when to warn about expiring grants.</source>
        <translation>Choisir la langue et le moment où avertir de l&apos;expiration des autorisations.</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aid&amp;e</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Raccourcis clavier</translation>
    </message>
    <message>
        <source>List every keyboard shortcut of the window.</source>
        <translation>Lister tous les raccourcis clavier de la fenêtre.</translation>
    </message>
    <message>
        <source>&amp;About AccessDesk</source>
        <translation>À &amp;propos d&apos;AccessDesk</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>À propos de &amp;Qt</translation>
    </message>
    <message>
        <source>About Qt</source>
        <translation>À propos de Qt</translation>
    </message>
    <message>
        <source>AccessDesk %1</source>
        <translation>AccessDesk %1</translation>
    </message>
    <message>
        <source>See and revoke what can act as you on Jira Server and Data Center.</source>
        <translation>Consulter et révoquer ce qui peut agir en votre nom sur Jira Server et Data Center.</translation>
    </message>
    <message>
        <source>Qt version: %1 (built with %2).</source>
        <translation>Version de Qt&#xa0;: %1 (compilé avec %2).</translation>
    </message>
    <message>
        <source>Licence: %1.</source>
        <translation>Licence&#xa0;: %1.</translation>
    </message>
    <message>
        <source>About AccessDesk</source>
        <translation>À propos d&apos;AccessDesk</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>%1 — AccessDesk</source>
        <comment>window title: the page</comment>
        <translation>%1 — AccessDesk</translation>
    </message>
    <message>
        <source>%1 — %2 — AccessDesk</source>
        <comment>window title: the page, then the server</comment>
        <translation>%1 — %2 — AccessDesk</translation>
    </message>
    <message>
        <source>Not connected: waiting for the password or token of %1.</source>
        <translation>Non connecté&#xa0;: en attente du mot de passe ou du jeton de %1.</translation>
    </message>
    <message>
        <source>Local database problem</source>
        <translation>Problème de base de données locale</translation>
    </message>
</context>
<context>
    <name>accessdesk::MyAccessController</name>
    <message>
        <source>Offline: the server cannot be reached, so nothing can be changed until it answers again.</source>
        <translation>Hors ligne&#xa0;: le serveur est injoignable, rien ne peut donc être modifié tant qu&apos;il ne répond pas de nouveau.</translation>
    </message>
    <message>
        <source>The server refused your credentials, so nothing can be changed. Check the connection settings.</source>
        <translation>Le serveur a refusé vos identifiants, rien ne peut donc être modifié. Vérifiez les paramètres de connexion.</translation>
    </message>
    <message>
        <source>Wait until the list has been loaded from the server.</source>
        <translation>Attendez que la liste ait été chargée depuis le serveur.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not the one trusted for this connection, so nothing was sent. If it was replaced on purpose, check it and trust it again on the Connection page.</source>
        <translation>Le certificat du serveur n’est pas celui approuvé pour cette connexion : rien n’a été envoyé. S’il a été remplacé volontairement, vérifiez-le et approuvez-le de nouveau sur la page Connexion.</translation>
    </message>
</context>
<context>
    <name>accessdesk::MyAccessPage</name>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>No description was given.</source>
        <translation>Aucune description n&apos;a été fournie.</translation>
    </message>
    <message>
        <source>not reported</source>
        <translation>non indiqué</translation>
    </message>
    <message>
        <source>The server does not report when OAuth grants expire.</source>
        <translation>Le serveur n&apos;indique pas quand les autorisations OAuth expirent.</translation>
    </message>
    <message>
        <source>The server reports when personal tokens were last used, but not OAuth grants.</source>
        <translation>Le serveur indique la dernière utilisation des jetons personnels, mais pas celle des autorisations OAuth.</translation>
    </message>
    <message>
        <source>The server reported no scopes.</source>
        <translation>Le serveur n&apos;a indiqué aucune portée.</translation>
    </message>
    <message>
        <source>everything you can do</source>
        <translation>tout ce que vous pouvez faire</translation>
    </message>
    <message>
        <source>Personal tokens and OAuth 1.0a grants have no scopes: they can do everything you can do on the server.</source>
        <translation>Les jetons personnels et les autorisations OAuth 1.0a n&apos;ont pas de portée&#xa0;: ils peuvent faire tout ce que vous pouvez faire sur le serveur.</translation>
    </message>
    <message>
        <source>Revoke…</source>
        <translation>Révoquer…</translation>
    </message>
    <message>
        <source>Revoke all…</source>
        <translation>Tout révoquer…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exporter en CSV…</translation>
    </message>
    <message>
        <source>New token…</source>
        <translation>Nouveau jeton…</translation>
    </message>
    <message>
        <source>Answer a request for access…</source>
        <translation>Répondre à une demande d&apos;accès…</translation>
    </message>
    <message>
        <source>Open in browser</source>
        <translation>Ouvrir dans le navigateur</translation>
    </message>
    <message>
        <source>My access</source>
        <translation>Mes accès</translation>
    </message>
    <message>
        <source>Filter grants</source>
        <translation>Filtrer les autorisations</translation>
    </message>
    <message>
        <source>Grants</source>
        <translation>Autorisations</translation>
    </message>
    <message>
        <source>Grant details</source>
        <translation>Détails de l&apos;autorisation</translation>
    </message>
    <message>
        <source>Revoke selected grants</source>
        <translation>Révoquer les autorisations sélectionnées</translation>
    </message>
    <message>
        <source>Revoke all grants</source>
        <translation>Révoquer toutes les autorisations</translation>
    </message>
    <message>
        <source>Refresh the list</source>
        <translation>Actualiser la liste</translation>
    </message>
    <message>
        <source>Export the list as CSV</source>
        <translation>Exporter la liste en CSV</translation>
    </message>
    <message>
        <source>Save the rows shown (after filtering) as a CSV file.</source>
        <translation>Enregistrer les lignes affichées (après filtrage) dans un fichier CSV.</translation>
    </message>
    <message>
        <source>Create a personal access token</source>
        <translation>Créer un jeton d&apos;accès personnel</translation>
    </message>
    <message>
        <source>Answer a request for access</source>
        <translation>Répondre à une demande d&apos;accès</translation>
    </message>
    <message>
        <source>List status</source>
        <translation>État de la liste</translation>
    </message>
    <message>
        <source>List notice</source>
        <translation>Avis sur la liste</translation>
    </message>
    <message>
        <source>Grants that could not be read</source>
        <translation>Autorisations illisibles</translation>
    </message>
    <message>
        <source>Open the access tokens page in the browser</source>
        <translation>Ouvrir la page des jetons d&apos;accès dans le navigateur</translation>
    </message>
    <message numerus="yes">
        <source>%n grant(s) on this page could not be read — open it in the browser: %1</source>
        <translation>
            <numerusform>%n autorisation de cette page n&apos;a pas pu être lue — ouvrez-la dans le navigateur&#xa0;: %1</numerusform>
            <numerusform>%n autorisations de cette page n&apos;ont pas pu être lues — ouvrez-la dans le navigateur&#xa0;: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Revoke the selected grants (Delete).</source>
        <translation>Révoquer les autorisations sélectionnées (Suppr).</translation>
    </message>
    <message>
        <source>Revoke every grant in the list, for a clean slate.</source>
        <translation>Révoquer toutes les autorisations de la liste, pour repartir de zéro.</translation>
    </message>
    <message>
        <source>Create a personal access token for a script or tool.</source>
        <translation>Créer un jeton d&apos;accès personnel pour un script ou un outil.</translation>
    </message>
    <message>
        <source>Paste the link an application gave you and allow or deny its request.</source>
        <translation>Collez le lien qu&apos;une application vous a donné et acceptez ou refusez sa demande.</translation>
    </message>
    <message>
        <source>Loading grants…</source>
        <translation>Chargement des autorisations…</translation>
    </message>
    <message>
        <source>Revoking…</source>
        <translation>Révocation…</translation>
    </message>
    <message>
        <source>Could not load the grants: %1</source>
        <translation>Impossible de charger les autorisations&#xa0;: %1</translation>
    </message>
    <message>
        <source>Offline — showing the list as of %1. The server cannot be reached; you can still filter and export. Refresh tries again.</source>
        <translation>Hors ligne — affichage de la liste du %1. Le serveur est injoignable&#xa0;; vous pouvez toujours filtrer et exporter. Actualiser réessaie.</translation>
    </message>
    <message>
        <source>Offline — the server cannot be reached. Refresh tries again.</source>
        <translation>Hors ligne — le serveur est injoignable. Actualiser réessaie.</translation>
    </message>
    <message>
        <source>Credentials refused: %1</source>
        <translation>Identifiants refusés&#xa0;: %1</translation>
    </message>
    <message>
        <source>Showing the list as of %1.</source>
        <translation>Affichage de la liste du %1.</translation>
    </message>
    <message>
        <source>Showing the list as of %1 while the server is asked for the current one…</source>
        <translation>Affichage de la liste du %1 pendant que la liste actuelle est demandée au serveur…</translation>
    </message>
    <message>
        <source>Showing the list as of %1. Refresh asks the server for the current one.</source>
        <translation>Affichage de la liste du %1. Actualiser demande la liste actuelle au serveur.</translation>
    </message>
    <message>
        <source>revoked 1 grant.</source>
        <translation>1 autorisation révoquée.</translation>
    </message>
    <message>
        <source>revoked %1 grants.</source>
        <translation>%1 autorisations révoquées.</translation>
    </message>
    <message>
        <source>revoked %1, %2 failed.</source>
        <translation>%1 révoquées, %2 en échec.</translation>
    </message>
    <message>
        <source>Select a grant to see its details.</source>
        <translation>Sélectionnez une autorisation pour voir ses détails.</translation>
    </message>
    <message>
        <source>%1 grants selected.</source>
        <translation>%1 autorisations sélectionnées.</translation>
    </message>
    <message>
        <source>Kind: %1</source>
        <translation>Type&#xa0;: %1</translation>
    </message>
    <message>
        <source>Description: %1</source>
        <translation>Description&#xa0;: %1</translation>
    </message>
    <message>
        <source>Link: %1</source>
        <translation>Lien&#xa0;: %1</translation>
    </message>
    <message>
        <source>Issued: %1</source>
        <translation>Émise&#xa0;: %1</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>inconnue</translation>
    </message>
    <message>
        <source>Expires: %1</source>
        <translation>Expire&#xa0;: %1</translation>
    </message>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>not reported by the server</source>
        <translation>non indiqué par le serveur</translation>
    </message>
    <message>
        <source>Last used: %1</source>
        <translation>Dernière utilisation&#xa0;: %1</translation>
    </message>
    <message>
        <source>Scopes: %1</source>
        <translation>Portées&#xa0;: %1</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Remarque&#xa0;: %1</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copier</translation>
    </message>
    <message>
        <source>Copy the selected rows as plain text.</source>
        <translation>Copier les lignes sélectionnées en texte brut.</translation>
    </message>
    <message>
        <source>&amp;Details…</source>
        <translation>&amp;Détails…</translation>
    </message>
    <message>
        <source>Show the details of the selected grant.</source>
        <translation>Afficher les détails de l&apos;autorisation sélectionnée.</translation>
    </message>
    <message numerus="yes">
        <source>%n grant(s) hidden by the filter will be kept.</source>
        <translation>
            <numerusform>%n autorisation masquée par le filtre sera conservée.</numerusform>
            <numerusform>%n autorisations masquées par le filtre seront conservées.</numerusform>
        </translation>
    </message>
    <message>
        <source>Revoke all shown…</source>
        <translation>Révoquer tout ce qui est affiché…</translation>
    </message>
    <message>
        <source>Revoke all grants shown</source>
        <translation>Révoquer toutes les autorisations affichées</translation>
    </message>
    <message numerus="yes">
        <source>Revoke the %n grant(s) the filter shows; the hidden ones are kept.</source>
        <translation>
            <numerusform>Révoquer %n autorisation affichée par le filtre&#xa0;; les autorisations masquées sont conservées.</numerusform>
            <numerusform>Révoquer les %n autorisations affichées par le filtre&#xa0;; les autorisations masquées sont conservées.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n grant(s)</source>
        <comment>shown by the filter, of all</comment>
        <translation>
            <numerusform>%1 sur %n autorisation</numerusform>
            <numerusform>%1 sur %n autorisations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n grant(s)</source>
        <translation>
            <numerusform>%n autorisation</numerusform>
            <numerusform>%n autorisations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n grant(s) in the copy of this list saved on this computer could not be read. The server&apos;s list replaces the copy when it answers; to see them now, open the page in the browser: %1</source>
        <translation>
            <numerusform>%n autorisation de la copie de cette liste enregistrée sur cet ordinateur n&apos;a pas pu être lue. La liste du serveur remplace la copie dès qu&apos;il répond&#xa0;; pour la voir maintenant, ouvrez la page dans le navigateur&#xa0;: %1</numerusform>
            <numerusform>%n autorisations de la copie de cette liste enregistrée sur cet ordinateur n&apos;ont pas pu être lues. La liste du serveur remplace la copie dès qu&apos;il répond&#xa0;; pour les voir maintenant, ouvrez la page dans le navigateur&#xa0;: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>accessdesk::OAuth1Authorizer</name>
    <message>
        <source>No verification code was given: the server shows it after you allow access.</source>
        <translation>Aucun code de vérification n&apos;a été fourni&#xa0;: le serveur l&apos;affiche une fois que vous avez autorisé l&apos;accès.</translation>
    </message>
    <message>
        <source>The authorisation was never started.</source>
        <translation>L&apos;autorisation n&apos;a jamais été lancée.</translation>
    </message>
</context>
<context>
    <name>accessdesk::OAuth2ClientCreator</name>
    <message>
        <source>The OAuth 2.0 client was not created.</source>
        <translation>Le client OAuth 2.0 n&apos;a pas été créé.</translation>
    </message>
    <message>
        <source>The server&apos;s answer lacks the new client&apos;s id or secret.</source>
        <translation>Il manque à la réponse du serveur l&apos;ID ou le secret du nouveau client.</translation>
    </message>
    <message>
        <source>The server created “%1” (client id %2), but reading it back failed: %3</source>
        <translation>Le serveur a créé «&#xa0;%1&#xa0;» (ID client %2), mais sa relecture a échoué&#xa0;: %3</translation>
    </message>
    <message>
        <source>The server created “%1”, but now shows another client under its id.</source>
        <translation>Le serveur a créé «&#xa0;%1&#xa0;», mais affiche maintenant un autre client sous son ID.</translation>
    </message>
    <message>
        <source>The OAuth 2.0 client “%1” is registered with the client id %2. Copy its secret now: AccessDesk shows it this once and keeps no copy.</source>
        <translation>Le client OAuth 2.0 «&#xa0;%1&#xa0;» est enregistré avec l&apos;ID client %2. Copiez son secret maintenant&#xa0;: AccessDesk ne l&apos;affiche que cette fois et n&apos;en garde aucune copie.</translation>
    </message>
</context>
<context>
    <name>accessdesk::OAuth2ClientDialog</name>
    <message>
        <source>READ — view what the user can view</source>
        <translation>READ — voir ce que l&apos;utilisateur peut voir</translation>
    </message>
    <message>
        <source>WRITE — also create and change issues and other data</source>
        <translation>WRITE — également créer et modifier des tickets et d&apos;autres données</translation>
    </message>
    <message>
        <source>ADMIN — also administer projects and Jira</source>
        <translation>ADMIN — également administrer les projets et Jira</translation>
    </message>
    <message>
        <source>SYSTEM_ADMIN — everything a system administrator can do</source>
        <translation>SYSTEM_ADMIN — tout ce qu&apos;un administrateur système peut faire</translation>
    </message>
    <message>
        <source>Edit OAuth 2.0 client</source>
        <translation>Modifier le client OAuth 2.0</translation>
    </message>
    <message>
        <source>New OAuth 2.0 client</source>
        <translation>Nouveau client OAuth 2.0</translation>
    </message>
    <message>
        <source>Change the name, the redirect URLs or the scope of “%1”. Its client ID and secret stay the same.</source>
        <translation>Modifiez le nom, les URL de redirection ou la portée de «&#xa0;%1&#xa0;». Son ID client et son secret restent les mêmes.</translation>
    </message>
    <message>
        <source>An OAuth 2.0 client is an application that signs users in with Jira and then acts as them, within its scope. Jira makes its client ID and secret; the secret is shown once.</source>
        <translation>Un client OAuth 2.0 est une application qui connecte les utilisateurs via Jira puis agit en leur nom, dans les limites de sa portée. Jira génère son ID client et son secret&#xa0;; le secret n&apos;est affiché qu&apos;une fois.</translation>
    </message>
    <message>
        <source>Client name</source>
        <translation>Nom du client</translation>
    </message>
    <message>
        <source>Shown to users when the application asks for access</source>
        <translation>Affiché aux utilisateurs lorsque l&apos;application demande l&apos;accès</translation>
    </message>
    <message>
        <source>Redirect URLs, one per line</source>
        <translation>URL de redirection, une par ligne</translation>
    </message>
    <message>
        <source>https://app.example.com/oauth/callback
http://127.0.0.1:8765/callback</source>
        <translation>https://app.example.com/oauth/callback
http://127.0.0.1:8765/callback</translation>
    </message>
    <message>
        <source>Where Jira may send users back after they allowed access: https:// URLs, or http:// on localhost only.</source>
        <translation>Où Jira peut renvoyer les utilisateurs après qu&apos;ils ont autorisé l&apos;accès&#xa0;: URL https://, ou http:// sur localhost uniquement.</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Portée</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nom&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Redirect URLs:</source>
        <translation>URL de &amp;redirection&#xa0;:</translation>
    </message>
    <message>
        <source>One per line. Jira sends users back only to these addresses.</source>
        <translation>Une par ligne. Jira ne renvoie les utilisateurs qu&apos;à ces adresses.</translation>
    </message>
    <message>
        <source>Sco&amp;pe:</source>
        <translation>&amp;Portée&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Save changes</source>
        <translation>&amp;Enregistrer les modifications</translation>
    </message>
    <message>
        <source>&amp;Create client</source>
        <translation>&amp;Créer le client</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>Enregistrer les modifications</translation>
    </message>
    <message>
        <source>Create client</source>
        <translation>Créer le client</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Line %1: %2</source>
        <translation>Ligne %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <source>Creating…</source>
        <translation>Création…</translation>
    </message>
    <message>
        <source>Nothing was sent: correct the fields marked.</source>
        <translation>Rien n&apos;a été envoyé&#xa0;: corrigez les champs signalés.</translation>
    </message>
</context>
<context>
    <name>accessdesk::OAuth2ClientJob</name>
    <message>
        <source>OAuth 2.0 clients are not available on this server: Jira has an OAuth 2.0 provider from version 8.22 on, and this server has none.</source>
        <translation>Les clients OAuth 2.0 ne sont pas disponibles sur ce serveur&#xa0;: Jira dispose d&apos;un fournisseur OAuth 2.0 à partir de la version 8.22, et ce serveur n&apos;en a pas.</translation>
    </message>
    <message>
        <source>Upgrade Jira to 8.22 or later to register OAuth 2.0 clients; until then, applications can use OAuth 1.0a through an application link.</source>
        <translation>Mettez Jira à niveau vers la version 8.22 ou ultérieure pour enregistrer des clients OAuth 2.0&#xa0;; en attendant, les applications peuvent utiliser OAuth 1.0a via un lien d&apos;application.</translation>
    </message>
    <message>
        <source>No OAuth 2.0 client has the id or client id “%1”.</source>
        <translation>Aucun client OAuth 2.0 n&apos;a l&apos;ID ou l&apos;ID client «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>List the clients to see their ids.</source>
        <translation>Listez les clients pour voir leurs ID.</translation>
    </message>
    <message>
        <source>Nothing was sent: correct the fields named.</source>
        <translation>Rien n&apos;a été envoyé&#xa0;: corrigez les champs indiqués.</translation>
    </message>
    <message>
        <source>List the clients to see what Jira holds now.</source>
        <translation>Listez les clients pour voir ce que Jira détient maintenant.</translation>
    </message>
</context>
<context>
    <name>accessdesk::OAuth2ClientList</name>
    <message>
        <source>The OAuth 2.0 clients could not be listed.</source>
        <translation>Les clients OAuth 2.0 n&apos;ont pas pu être listés.</translation>
    </message>
    <message numerus="yes">
        <source>The server has %n OAuth 2.0 client(s).</source>
        <translation>
            <numerusform>Le serveur a %n client OAuth 2.0.</numerusform>
            <numerusform>Le serveur a %n clients OAuth 2.0.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>accessdesk::OAuth2ClientRemoval</name>
    <message>
        <source>The OAuth 2.0 client was not deleted.</source>
        <translation>Le client OAuth 2.0 n&apos;a pas été supprimé.</translation>
    </message>
    <message>
        <source>“%1” is deleted with every authorisation users gave it: the applications using it lose access at once and cannot sign users in again.</source>
        <translation>«&#xa0;%1&#xa0;» est supprimé avec toutes les autorisations que les utilisateurs lui ont accordées&#xa0;: les applications qui l&apos;utilisent perdent immédiatement l&apos;accès et ne peuvent plus connecter les utilisateurs.</translation>
    </message>
    <message>
        <source>The OAuth 2.0 client “%1” is deleted.</source>
        <translation>Le client OAuth 2.0 «&#xa0;%1&#xa0;» est supprimé.</translation>
    </message>
    <message>
        <source>Jira answered that “%1” was deleted, but still shows it.</source>
        <translation>Jira a répondu que «&#xa0;%1&#xa0;» a été supprimé, mais l&apos;affiche toujours.</translation>
    </message>
    <message>
        <source>Jira answered that “%1” was deleted, but reading it back failed: %2</source>
        <translation>Jira a répondu que «&#xa0;%1&#xa0;» a été supprimé, mais sa relecture a échoué&#xa0;: %2</translation>
    </message>
</context>
<context>
    <name>accessdesk::OAuth2ClientSecretReset</name>
    <message>
        <source>The client secret was not reset.</source>
        <translation>Le secret client n&apos;a pas été réinitialisé.</translation>
    </message>
    <message>
        <source>The current secret of “%1” stops working at once: every application that uses it cannot sign users in or refresh tokens until it is given the new secret, which is shown only once.</source>
        <translation>Le secret actuel de «&#xa0;%1&#xa0;» cesse immédiatement de fonctionner&#xa0;: toute application qui l&apos;utilise ne peut plus connecter les utilisateurs ni actualiser les jetons tant qu&apos;elle n&apos;a pas reçu le nouveau secret, qui n&apos;est affiché qu&apos;une fois.</translation>
    </message>
    <message>
        <source>The server&apos;s answer carries no new secret for “%1”.</source>
        <translation>La réponse du serveur ne contient aucun nouveau secret pour «&#xa0;%1&#xa0;».</translation>
    </message>
    <message>
        <source>Jira reset the secret of “%1”, but now holds another one than it answered.</source>
        <translation>Jira a réinitialisé le secret de «&#xa0;%1&#xa0;», mais en détient maintenant un autre que celui de sa réponse.</translation>
    </message>
    <message>
        <source>Jira reset the secret of “%1”, but reading the client back failed: %2</source>
        <translation>Jira a réinitialisé le secret de «&#xa0;%1&#xa0;», mais la relecture du client a échoué&#xa0;: %2</translation>
    </message>
    <message>
        <source>The OAuth 2.0 client “%1” has a new secret; the old one no longer works. Copy the new one now: AccessDesk shows it this once and keeps no copy.</source>
        <translation>Le client OAuth 2.0 «&#xa0;%1&#xa0;» a un nouveau secret&#xa0;; l&apos;ancien ne fonctionne plus. Copiez le nouveau maintenant&#xa0;: AccessDesk ne l&apos;affiche que cette fois et n&apos;en garde aucune copie.</translation>
    </message>
</context>
<context>
    <name>accessdesk::OAuth2ClientUpdater</name>
    <message>
        <source>The OAuth 2.0 client was not changed.</source>
        <translation>Le client OAuth 2.0 n&apos;a pas été modifié.</translation>
    </message>
    <message>
        <source>Nothing to change: give a new name, redirect URLs or scope.</source>
        <translation>Rien à modifier&#xa0;: indiquez un nouveau nom, de nouvelles URL de redirection ou une nouvelle portée.</translation>
    </message>
    <message>
        <source>Jira accepted the change to “%1”, but reading the client back failed: %2</source>
        <translation>Jira a accepté la modification de «&#xa0;%1&#xa0;», mais la relecture du client a échoué&#xa0;: %2</translation>
    </message>
    <message>
        <source>the name</source>
        <translation>le nom</translation>
    </message>
    <message>
        <source>the scope</source>
        <translation>la portée</translation>
    </message>
    <message>
        <source>the redirect URLs</source>
        <translation>les URL de redirection</translation>
    </message>
    <message>
        <source>Jira accepted the change to “%1”, but the client it shows now has other values for %2.</source>
        <translation>Jira a accepté la modification de «&#xa0;%1&#xa0;», mais le client qu&apos;il affiche maintenant a d&apos;autres valeurs pour %2.</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>The OAuth 2.0 client “%1” is changed.</source>
        <translation>Le client OAuth 2.0 «&#xa0;%1&#xa0;» est modifié.</translation>
    </message>
</context>
<context>
    <name>accessdesk::OAuth2ClientsController</name>
    <message>
        <source>The connection changed to another server before the answer came.</source>
        <translation>La connexion est passée à un autre serveur avant l&apos;arrivée de la réponse.</translation>
    </message>
    <message>
        <source>Look at the list of OAuth 2.0 clients, then try again if needed.</source>
        <translation>Consultez la liste des clients OAuth 2.0, puis réessayez si nécessaire.</translation>
    </message>
</context>
<context>
    <name>accessdesk::OAuth2Refresher</name>
    <message>
        <source>The OAuth 2.0 access token no longer works and there is no refresh token: sign in again.</source>
        <translation>Le jeton d&apos;accès OAuth 2.0 ne fonctionne plus et il n&apos;y a pas de jeton d&apos;actualisation&#xa0;: reconnectez-vous.</translation>
    </message>
    <message>
        <source>The server refused the OAuth 2.0 refresh token (%1): sign in again.</source>
        <translation>Le serveur a refusé le jeton d&apos;actualisation OAuth 2.0 (%1)&#xa0;: reconnectez-vous.</translation>
    </message>
</context>
<context>
    <name>accessdesk::OAuth2Renewal</name>
    <message>
        <source>the keychain keeps them only until the program ends</source>
        <translation>le trousseau ne les conserve que jusqu&apos;à la fin du programme</translation>
    </message>
</context>
<context>
    <name>accessdesk::PersonalTokenController</name>
    <message>
        <source>This server lets a token last at most %1 days (it said: “%2”). Choose fewer days, then create the token again.</source>
        <translation>Ce serveur limite la durée d&apos;un jeton à %1 jours au maximum (il a répondu&#xa0;: «&#xa0;%2&#xa0;»). Choisissez moins de jours, puis créez de nouveau le jeton.</translation>
    </message>
    <message>
        <source>The token may have been created all the same: look in My access before you create it again.</source>
        <translation>Le jeton a peut-être été créé malgré tout : regardez dans Mes accès avant de le créer à nouveau.</translation>
    </message>
</context>
<context>
    <name>accessdesk::PersonalTokenModel</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Token ID: %1</source>
        <translation>ID du jeton&#xa0;: %1</translation>
    </message>
    <message>
        <source>Owner: %1</source>
        <translation>Propriétaire&#xa0;: %1</translation>
    </message>
    <message>
        <source>E-mail: %1</source>
        <translation>E-mail&#xa0;: %1</translation>
    </message>
    <message>
        <source>Created: %1</source>
        <translation>Créé&#xa0;: %1</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <source>Expires: %1</source>
        <translation>Expire&#xa0;: %1</translation>
    </message>
    <message>
        <source>Expires: never</source>
        <translation>Expire&#xa0;: jamais</translation>
    </message>
    <message>
        <source>Last used: %1</source>
        <translation>Dernière utilisation&#xa0;: %1</translation>
    </message>
    <message>
        <source>Last used: never</source>
        <translation>Dernière utilisation&#xa0;: jamais</translation>
    </message>
    <message>
        <source>If you revoke it, scripts and tools that use this token are refused by Jira from then on.</source>
        <translation>Si vous le révoquez, les scripts et outils qui utilisent ce jeton seront dès lors refusés par Jira.</translation>
    </message>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>%1 (expired)</source>
        <translation>%1 (expiré)</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Jeton</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Propriétaire</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Créé</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Expire</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>Dernière utilisation</translation>
    </message>
</context>
<context>
    <name>accessdesk::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Préférences</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <source>A change of language takes effect after a restart.</source>
        <translation>Un changement de langue prend effet après un redémarrage.</translation>
    </message>
    <message>
        <source>Days before expiry to warn</source>
        <translation>Jours d&apos;avertissement avant l&apos;expiration</translation>
    </message>
    <message>
        <source>Grants that expire within this many days are announced once.</source>
        <translation>Les autorisations qui expirent dans ce nombre de jours sont annoncées une fois.</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Langue&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Warn about expiring grants this many days before:</source>
        <translation>&amp;Avertir de l&apos;expiration des autorisations ce nombre de jours avant&#xa0;:</translation>
    </message>
    <message>
        <source>Save the preferences</source>
        <translation>Enregistrer les préférences</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>accessdesk::ProfileSaver</name>
    <message>
        <source>The server address changed, so the password or token must be entered again: a stored secret is never sent to another server unasked.</source>
        <translation>L&apos;adresse du serveur a changé&#xa0;: le mot de passe ou le jeton doit donc être saisi de nouveau. Un secret enregistré n&apos;est jamais envoyé à un autre serveur sans votre accord.</translation>
    </message>
</context>
<context>
    <name>accessdesk::RemoteConsumerFetch</name>
    <message>
        <source>&amp;Fetch from the remote</source>
        <translation>Récupérer depuis l&apos;application dis&amp;tante</translation>
    </message>
    <message>
        <source>Fill in from the remote application</source>
        <translation>Préremplir depuis l&apos;application distante</translation>
    </message>
    <message>
        <source>Address of the remote application</source>
        <translation>Adresse de l&apos;application distante</translation>
    </message>
    <message>
        <source>https://app.example.com</source>
        <translation>https://app.example.com</translation>
    </message>
    <message>
        <source>The application&apos;s base URL, or its /plugins/servlet/oauth/consumer-info address</source>
        <translation>L&apos;URL de base de l&apos;application, ou son adresse /plugins/servlet/oauth/consumer-info</translation>
    </message>
    <message>
        <source>Fetch the consumer from the remote application</source>
        <translation>Récupérer le consommateur depuis l&apos;application distante</translation>
    </message>
    <message>
        <source>Fill in the consumer key, name and public key the application publishes (Atlassian applications do)</source>
        <translation>Renseigner la clé du consommateur, le nom et la clé publique que publie l&apos;application (les applications Atlassian le font)</translation>
    </message>
    <message>
        <source>What the remote published</source>
        <translation>Ce que l&apos;application distante a publié</translation>
    </message>
    <message>
        <source>Asking %1…</source>
        <translation>Interrogation de %1…</translation>
    </message>
</context>
<context>
    <name>accessdesk::RequestForAccessController</name>
    <message>
        <source>This request has expired: an application&apos;s request must be answered within minutes. Ask the application to start again, then paste the new link.</source>
        <translation>Cette demande a expiré&#xa0;: la demande d&apos;une application doit recevoir une réponse en quelques minutes. Demandez à l&apos;application de recommencer, puis collez le nouveau lien.</translation>
    </message>
    <message>
        <source>This request has already been answered. If the application still needs access, ask it to start again.</source>
        <translation>Cette demande a déjà reçu une réponse. Si l&apos;application a toujours besoin d&apos;un accès, demandez-lui de recommencer.</translation>
    </message>
    <message>
        <source>The server does not know this request. The link may be cut short (copy all of it) or the request may be too old. Ask the application for a new link.</source>
        <translation>Le serveur ne connaît pas cette demande. Le lien est peut-être tronqué (copiez-le en entier) ou la demande trop ancienne. Demandez un nouveau lien à l&apos;application.</translation>
    </message>
    <message>
        <source>The server refused this request for access (%1). Ask the application to start again.</source>
        <translation>Le serveur a refusé cette demande d&apos;accès (%1). Demandez à l&apos;application de recommencer.</translation>
    </message>
    <message>
        <source>The server did not show a request for access for this link, so there is nothing to allow or deny. Open the link in a browser to see what the server says. (Details: %1)</source>
        <translation>Le serveur n&apos;a affiché aucune demande d&apos;accès pour ce lien&#xa0;: il n&apos;y a donc rien à accepter ni à refuser. Ouvrez le lien dans un navigateur pour voir ce qu&apos;indique le serveur. (Détails&#xa0;: %1)</translation>
    </message>
    <message>
        <source>Try again in a moment: the request stays open for a few minutes.</source>
        <translation>Réessayez dans un instant&#xa0;: la demande reste ouverte quelques minutes.</translation>
    </message>
    <message>
        <source>Paste the link the application gave you.</source>
        <translation>Collez le lien que l&apos;application vous a donné.</translation>
    </message>
    <message>
        <source>This is not a web address. Paste the whole link the application gave you; it looks like %1</source>
        <translation>Ce n&apos;est pas une adresse web. Collez le lien complet que l&apos;application vous a donné&#xa0;; il ressemble à %1</translation>
    </message>
    <message>
        <source>This link is for another server (%1), but AccessDesk is connected to %2. Answer it from a connection to %1, or ask the application for a link to %2.</source>
        <translation>Ce lien concerne un autre serveur (%1), mais AccessDesk est connecté à %2. Répondez-y depuis une connexion à %1, ou demandez à l&apos;application un lien vers %2.</translation>
    </message>
    <message>
        <source>This link points to %1 but is not a request for access. Such a link looks like %2</source>
        <translation>Ce lien pointe vers %1 mais n&apos;est pas une demande d&apos;accès. Un tel lien ressemble à %2</translation>
    </message>
    <message>
        <source>The link is cut short: the part after “oauth_token=” is missing. Copy the whole link and try again.</source>
        <translation>Le lien est tronqué&#xa0;: la partie après «&#xa0;oauth_token=&#xa0;» manque. Copiez le lien complet et réessayez.</translation>
    </message>
</context>
<context>
    <name>accessdesk::RequestForAccessDialog</name>
    <message>
        <source>An application</source>
        <translation>Une application</translation>
    </message>
    <message>
        <source>Request for access</source>
        <translation>Demande d&apos;accès</translation>
    </message>
    <message>
        <source>Answer an application&apos;s request for access</source>
        <translation>Répondre à la demande d&apos;accès d&apos;une application</translation>
    </message>
    <message>
        <source>An application that wants to work with your account on %1 gives you a link to open. Paste that link here: AccessDesk shows who asks, and you allow or deny it.</source>
        <translation>Une application qui veut travailler avec votre compte sur %1 vous donne un lien à ouvrir. Collez ce lien ici&#xa0;: AccessDesk montre qui demande, et vous acceptez ou refusez.</translation>
    </message>
    <message>
        <source>Authorisation link</source>
        <translation>Lien d&apos;autorisation</translation>
    </message>
    <message>
        <source>Show request</source>
        <translation>Afficher la demande</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Who asks</source>
        <translation>Qui demande</translation>
    </message>
    <message>
        <source>Application description</source>
        <translation>Description de l&apos;application</translation>
    </message>
    <message>
        <source>What it could do</source>
        <translation>Ce qu&apos;elle pourrait faire</translation>
    </message>
    <message>
        <source>Allow only an application you know and asked to connect. If you did not start this, deny it.</source>
        <translation>N&apos;autorisez qu&apos;une application que vous connaissez et que vous avez demandé à connecter. Si vous n&apos;êtes pas à l&apos;origine de cette demande, refusez-la.</translation>
    </message>
    <message>
        <source>Allow</source>
        <translation>Autoriser</translation>
    </message>
    <message>
        <source>Deny</source>
        <translation>Refuser</translation>
    </message>
    <message>
        <source>Decide later</source>
        <translation>Décider plus tard</translation>
    </message>
    <message>
        <source>Close without answering; the request stays open for a few minutes.</source>
        <translation>Fermer sans répondre&#xa0;; la demande reste ouverte quelques minutes.</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Réponse</translation>
    </message>
    <message>
        <source>What to do next</source>
        <translation>Étape suivante</translation>
    </message>
    <message>
        <source>Verification code</source>
        <translation>Code de vérification</translation>
    </message>
    <message>
        <source>Copy verification code</source>
        <translation>Copier le code de vérification</translation>
    </message>
    <message>
        <source>Return to the application in the browser</source>
        <translation>Revenir à l&apos;application dans le navigateur</translation>
    </message>
    <message>
        <source>Return to the application</source>
        <translation>Revenir à l&apos;application</translation>
    </message>
    <message>
        <source>Opens the application&apos;s own address, as a browser would after you allow it, so it can carry on.</source>
        <translation>Ouvre l&apos;adresse propre de l&apos;application, comme le ferait un navigateur après votre autorisation, afin qu&apos;elle puisse poursuivre.</translation>
    </message>
    <message>
        <source>Address the application asked for</source>
        <translation>Adresse demandée par l&apos;application</translation>
    </message>
    <message>
        <source>You can revoke its access in My access at any time.</source>
        <translation>Vous pouvez révoquer son accès dans Mes accès à tout moment.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Vérification…</translation>
    </message>
    <message>
        <source>%1 wants to act as you on %2</source>
        <translation>%1 veut agir en votre nom sur %2</translation>
    </message>
    <message>
        <source>The application gave no description of itself.</source>
        <translation>L&apos;application n&apos;a fourni aucune description d&apos;elle-même.</translation>
    </message>
    <message>
        <source>If you allow it, %1 can do on %2 everything you can do there: see and change what you can see and change (Jira calls this “read and write” access).</source>
        <translation>Si vous l&apos;autorisez, %1 pourra faire sur %2 tout ce que vous pouvez y faire&#xa0;: voir et modifier ce que vous pouvez voir et modifier (Jira appelle cela un accès «&#xa0;read and write&#xa0;»).</translation>
    </message>
    <message>
        <source>If you allow it, %1 can do on %2 everything you (%3) can do there: see and change what you can see and change (Jira calls this “read and write” access).</source>
        <translation>Si vous l&apos;autorisez, %1 pourra faire sur %2 tout ce que vous (%3) pouvez y faire&#xa0;: voir et modifier ce que vous pouvez voir et modifier (Jira appelle cela un accès «&#xa0;read and write&#xa0;»).</translation>
    </message>
    <message>
        <source>It keeps this access until you revoke it in My access.</source>
        <translation>Elle conserve cet accès jusqu&apos;à ce que vous le révoquiez dans Mes accès.</translation>
    </message>
    <message>
        <source>The application asked to be sent to an address that is not a web page, so AccessDesk does not open it: %1</source>
        <translation>L&apos;application a demandé à être renvoyée vers une adresse qui n&apos;est pas une page web&#xa0;; AccessDesk ne l&apos;ouvre donc pas&#xa0;: %1</translation>
    </message>
    <message>
        <source>You denied %1 access.</source>
        <translation>Vous avez refusé l&apos;accès à %1.</translation>
    </message>
    <message>
        <source>It cannot act as you. If it needs access later, it has to ask again.</source>
        <translation>Elle ne peut pas agir en votre nom. Si elle a besoin d&apos;un accès plus tard, elle devra le redemander.</translation>
    </message>
    <message>
        <source>You allowed %1 to act as you on %2.</source>
        <translation>Vous avez autorisé %1 à agir en votre nom sur %2.</translation>
    </message>
    <message>
        <source>The application now asks you for a verification code. Give it this code (it works once, for this request only):</source>
        <translation>L&apos;application vous demande maintenant un code de vérification. Donnez-lui ce code (il ne fonctionne qu&apos;une fois, pour cette demande uniquement)&#xa0;:</translation>
    </message>
    <message>
        <source>The application can continue on its own now. If it waits for you in a browser, return to it with the button below.</source>
        <translation>L&apos;application peut maintenant continuer seule. Si elle vous attend dans un navigateur, revenez-y avec le bouton ci-dessous.</translation>
    </message>
    <message>
        <source>Go back to the application: it can continue now.</source>
        <translation>Revenez à l&apos;application&#xa0;: elle peut maintenant continuer.</translation>
    </message>
</context>
<context>
    <name>accessdesk::RevokeGrantsJob</name>
    <message>
        <source>The check afterwards did not run.</source>
        <translation>La vérification ultérieure n&apos;a pas eu lieu.</translation>
    </message>
    <message>
        <source>Its request failed (%1), but the server no longer lists it, so it is revoked.</source>
        <translation>Sa requête a échoué (%1), mais le serveur ne la liste plus&#xa0;: elle est donc révoquée.</translation>
    </message>
    <message>
        <source>Not revoked: %1 The server still lists it.</source>
        <translation>Non révoquée&#xa0;: %1 Le serveur la liste toujours.</translation>
    </message>
    <message>
        <source>Not revoked: the server accepted the request, but still lists it.</source>
        <translation>Non révoquée&#xa0;: le serveur a accepté la requête, mais la liste toujours.</translation>
    </message>
    <message>
        <source>Not confirmed: %1 Whether the server revoked it could not be checked (%2). Check the list.</source>
        <translation>Non confirmée&#xa0;: %1 Impossible de vérifier si le serveur l&apos;a révoquée (%2). Vérifiez la liste.</translation>
    </message>
    <message>
        <source>Not confirmed: the server accepted the request, but the list could not be fetched to check it (%1). Check the list.</source>
        <translation>Non confirmée&#xa0;: le serveur a accepté la requête, mais la liste n&apos;a pas pu être récupérée pour le vérifier (%1). Vérifiez la liste.</translation>
    </message>
    <message>
        <source>some rows of the access-tokens page could not be read, and the grant may be one of them</source>
        <translation>certaines lignes de la page des jetons d&apos;accès sont illisibles, et l&apos;autorisation en fait peut-être partie</translation>
    </message>
    <message>
        <source>Not confirmed: %1 The server still listed it afterwards, but may yet carry the request out. Check the list.</source>
        <translation>Non confirmé : %1 Le serveur l’indiquait encore ensuite, mais peut encore exécuter la demande. Vérifiez la liste.</translation>
    </message>
    <message>
        <source>Not sent: the activity log could not record it (%1).</source>
        <translation>Non envoyé&#xa0;: le journal d&apos;activité n&apos;a pas pu l&apos;enregistrer (%1).</translation>
    </message>
</context>
<context>
    <name>accessdesk::RevokeProgressDialog</name>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Retry failed</source>
        <translation>Réessayer les échecs</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Revoking access</source>
        <translation>Révocation de l&apos;accès</translation>
    </message>
    <message>
        <source>Revoke progress</source>
        <translation>Progression de la révocation</translation>
    </message>
    <message>
        <source>Revoke progress bar</source>
        <translation>Barre de progression de la révocation</translation>
    </message>
    <message>
        <source>%v of %m</source>
        <translation>%v sur %m</translation>
    </message>
    <message>
        <source>Revoke summary</source>
        <translation>Bilan de la révocation</translation>
    </message>
    <message>
        <source>Cancel revoking</source>
        <translation>Annuler la révocation</translation>
    </message>
    <message>
        <source>Stop after the grant being revoked now; the rest stay as they are.</source>
        <translation>S&apos;arrêter après l&apos;autorisation en cours de révocation&#xa0;; les autres restent en l&apos;état.</translation>
    </message>
    <message>
        <source>Try to revoke the grants that failed once more.</source>
        <translation>Réessayer de révoquer les autorisations en échec.</translation>
    </message>
    <message>
        <source>Cancelling: waiting for %1 to finish…</source>
        <translation>Annulation&#xa0;: attente de la fin de %1…</translation>
    </message>
    <message>
        <source>Revoking %1 of %2: %3</source>
        <translation>Révocation %1 sur %2&#xa0;: %3</translation>
    </message>
    <message>
        <source>Checking which grants the server still lists…</source>
        <translation>Vérification des autorisations que le serveur liste encore…</translation>
    </message>
    <message>
        <source>Revoke access — summary</source>
        <translation>Révoquer l&apos;accès — bilan</translation>
    </message>
    <message>
        <source>Revoked. %1 can now see only public data.</source>
        <translation>Accès révoqué. %1 ne peut désormais voir que les données publiques.</translation>
    </message>
    <message>
        <source>%1 was not revoked: the server still lists it.</source>
        <translation>L&apos;accès de %1 n&apos;a pas été révoqué&#xa0;: le serveur le liste toujours.</translation>
    </message>
    <message>
        <source>Not confirmed that %1 was revoked: check the list.</source>
        <translation>Révocation de l&apos;accès de %1 non confirmée&#xa0;: vérifiez la liste.</translation>
    </message>
    <message>
        <source>Revoked all %1 grants.</source>
        <translation>Les %1 autorisations ont toutes été révoquées.</translation>
    </message>
    <message>
        <source>Cancelled: revoked %1 of %2 grants.</source>
        <translation>Annulé&#xa0;: %1 autorisations révoquées sur %2.</translation>
    </message>
    <message>
        <source>Revoked %1 of %2 grants.</source>
        <translation>%1 autorisations révoquées sur %2.</translation>
    </message>
    <message numerus="yes">
        <source>%n not revoked (still listed by the server).</source>
        <translation>
            <numerusform>%n non révoquée (toujours listée par le serveur).</numerusform>
            <numerusform>%n non révoquées (toujours listées par le serveur).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not confirmed (check the list).</source>
        <translation>
            <numerusform>%n non confirmée (vérifiez la liste).</numerusform>
            <numerusform>%n non confirmées (vérifiez la liste).</numerusform>
        </translation>
    </message>
    <message>
        <source>Not revoked (the server still lists them, so they are still active):</source>
        <translation>Non révoquées (le serveur les liste toujours, elles sont donc toujours actives)&#xa0;:</translation>
    </message>
    <message>
        <source>• %1: %2</source>
        <translation>• %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Not confirmed — check the list (the server may or may not have revoked them):</source>
        <translation>Non confirmées — vérifiez la liste (le serveur les a peut-être révoquées, peut-être pas)&#xa0;:</translation>
    </message>
    <message>
        <source>Revoked, although the request reported a problem:</source>
        <translation>Révoquées, bien que la requête ait signalé un problème&#xa0;:</translation>
    </message>
    <message>
        <source>Not revoked because you cancelled (still active):</source>
        <translation>Non révoquées parce que vous avez annulé (toujours actives)&#xa0;:</translation>
    </message>
    <message>
        <source>• %1</source>
        <translation>• %1</translation>
    </message>
</context>
<context>
    <name>accessdesk::SecretPromptDialog</name>
    <message>
        <source>&amp;Connect</source>
        <translation>Se &amp;connecter</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Personal access token for %1</source>
        <translation>Jeton d&apos;accès personnel pour %1</translation>
    </message>
    <message>
        <source>Password for %1</source>
        <translation>Mot de passe pour %1</translation>
    </message>
    <message>
        <source>No password store</source>
        <translation>Aucun gestionnaire de mots de passe</translation>
    </message>
    <message>
        <source>Enter the personal access token for %1 on %2. It is used for this connection only and is not stored.</source>
        <translation>Saisissez le jeton d&apos;accès personnel de %1 sur %2. Il n&apos;est utilisé que pour cette connexion et n&apos;est pas enregistré.</translation>
    </message>
    <message>
        <source>Enter the password of %1 on %2. It is used for this connection only and is not stored.</source>
        <translation>Saisissez le mot de passe de %1 sur %2. Il n&apos;est utilisé que pour cette connexion et n&apos;est pas enregistré.</translation>
    </message>
    <message>
        <source>Personal access token</source>
        <translation>Jeton d&apos;accès personnel</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>&amp;Jeton&#xa0;:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>Mot de &amp;passe&#xa0;:</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Se connecter</translation>
    </message>
</context>
<context>
    <name>accessdesk::SecretStore</name>
    <message>
        <source>No keychain is available (%1). Secrets are kept in memory for this run only and will be asked for again next time.</source>
        <translation>Aucun trousseau n&apos;est disponible (%1). Les secrets sont conservés en mémoire pour cette exécution uniquement et seront redemandés la prochaine fois.</translation>
    </message>
    <message>
        <source>A secret needs a connection profile.</source>
        <translation>Un secret nécessite un profil de connexion.</translation>
    </message>
    <message>
        <source>Access to the keychain was denied: %1</source>
        <translation>L&apos;accès au trousseau a été refusé&#xa0;: %1</translation>
    </message>
    <message>
        <source>The keychain reported an error: %1</source>
        <translation>Le trousseau a signalé une erreur&#xa0;: %1</translation>
    </message>
    <message>
        <source>The keychain is locked and could not be unlocked here. Unlock it (sign in to the desktop session, or use your keyring&apos;s unlock tool) and try again.</source>
        <translation>Le trousseau est verrouillé et n&apos;a pas pu être déverrouillé ici. Déverrouillez-le (connectez-vous à la session du bureau ou utilisez l&apos;outil de déverrouillage de votre trousseau), puis réessayez.</translation>
    </message>
</context>
<context>
    <name>accessdesk::ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Raccourci</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>accessdesk::TableExport</name>
    <message>
        <source>Could not write %1: %2</source>
        <translation>Impossible d&apos;écrire %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>Export as CSV</source>
        <translation>Exporter en CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>Fichiers CSV (*.csv);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Échec de l&apos;export</translation>
    </message>
</context>
<context>
    <name>accessdesk::TlsTrustDialog</name>
    <message>
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <source>%1 (expired)</source>
        <translation>%1 (expiré)</translation>
    </message>
    <message>
        <source>%1 (not valid yet)</source>
        <translation>%1 (pas encore valide)</translation>
    </message>
    <message>
        <source>Untrusted certificate</source>
        <translation>Certificat non approuvé</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 showed a certificate that this computer does not trust.&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1 a présenté un certificat auquel cet ordinateur ne fait pas confiance.&lt;/b&gt;</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Ce qui s&apos;est passé</translation>
    </message>
    <message>
        <source>This is usual for servers with a self-signed or company certificate, but it is also what an attacker&apos;s server would look like. Trust it only if this is your server: ask its administrator to compare the SHA-256 fingerprint below. AccessDesk will then trust exactly this certificate for this server and warn again if it ever changes.</source>
        <translation>C&apos;est habituel pour les serveurs ayant un certificat auto-signé ou d&apos;entreprise, mais c&apos;est aussi ce que présenterait le serveur d&apos;un attaquant. Ne lui faites confiance que s&apos;il s&apos;agit de votre serveur&#xa0;: demandez à son administrateur de comparer l&apos;empreinte SHA-256 ci-dessous. AccessDesk fera alors confiance à exactement ce certificat pour ce serveur et vous avertira de nouveau s&apos;il change un jour.</translation>
    </message>
    <message>
        <source>Advice</source>
        <translation>Conseil</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>non indiqué</translation>
    </message>
    <message>
        <source>Issued to</source>
        <translation>Délivré à</translation>
    </message>
    <message>
        <source>Issued by</source>
        <translation>Délivré par</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>Valide du</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>Valide jusqu&apos;au</translation>
    </message>
    <message>
        <source>Why it was refused</source>
        <translation>Motif du refus</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint</source>
        <translation>Empreinte SHA-256</translation>
    </message>
    <message>
        <source>Issued to:</source>
        <translation>Délivré à&#xa0;:</translation>
    </message>
    <message>
        <source>Issued by:</source>
        <translation>Délivré par&#xa0;:</translation>
    </message>
    <message>
        <source>Valid from:</source>
        <translation>Valide du&#xa0;:</translation>
    </message>
    <message>
        <source>Valid until:</source>
        <translation>Valide jusqu&apos;au&#xa0;:</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint:</source>
        <translation>Empreinte SHA-256&#xa0;:</translation>
    </message>
    <message>
        <source>Why it was refused:</source>
        <translation>Motif du refus&#xa0;:</translation>
    </message>
    <message>
        <source>Trust this certificate for this server</source>
        <translation>Faire confiance à ce certificat pour ce serveur</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
</context>
<context>
    <name>accessdesk::TokenInventorySearch</name>
    <message>
        <source>the page repeats tokens already listed</source>
        <translation>la page répète des jetons déjà listés</translation>
    </message>
    <message>
        <source>No user matches “%1”.</source>
        <translation>Aucun utilisateur ne correspond à «&#xa0;%1&#xa0;».</translation>
    </message>
    <message numerus="yes">
        <source>More than %n users match “%1”; give more of the name.</source>
        <translation>
            <numerusform>Plus de %n utilisateur correspond à «&#xa0;%1&#xa0;»&#xa0;; indiquez une plus grande partie du nom.</numerusform>
            <numerusform>Plus de %n utilisateurs correspondent à «&#xa0;%1&#xa0;»&#xa0;; indiquez une plus grande partie du nom.</numerusform>
        </translation>
    </message>
    <message>
        <source>The search was cancelled.</source>
        <translation>La recherche a été annulée.</translation>
    </message>
    <message>
        <source>The owner “%1” could not be looked up. %2</source>
        <translation>Le propriétaire «&#xa0;%1&#xa0;» n&apos;a pas pu être recherché. %2</translation>
    </message>
    <message numerus="yes">
        <source>Page %1 of the token search failed after %n token(s) were listed. %2</source>
        <translation>
            <numerusform>La page %1 de la recherche de jetons a échoué après que %n jeton a été listé. %2</numerusform>
            <numerusform>La page %1 de la recherche de jetons a échoué après que %n jetons ont été listés. %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>accessdesk::TokenOutcomeModel</name>
    <message>
        <source>revoked</source>
        <translation>révoqué</translation>
    </message>
    <message>
        <source>not revoked</source>
        <translation>non révoqué</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>échec</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <source>not attempted</source>
        <translation>non tenté</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Motif</translation>
    </message>
</context>
<context>
    <name>accessdesk::TokenSearchForm</name>
    <message>
        <source>Ne&amp;ver used</source>
        <translation>&amp;Jamais utilisé</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Rechercher</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Effacer les filtres</translation>
    </message>
    <message>
        <source>Search personal tokens</source>
        <translation>Rechercher des jetons personnels</translation>
    </message>
    <message>
        <source>any user: name, display name or e-mail</source>
        <translation>tout utilisateur&#xa0;: nom, nom affiché ou e-mail</translation>
    </message>
    <message>
        <source>Owner&apos;s user name, display name or e-mail contains</source>
        <translation>Le nom d&apos;utilisateur, le nom affiché ou l&apos;e-mail du propriétaire contient</translation>
    </message>
    <message>
        <source>any name</source>
        <translation>tout nom</translation>
    </message>
    <message>
        <source>Token name contains</source>
        <translation>Le nom du jeton contient</translation>
    </message>
    <message>
        <source>Only tokens never used</source>
        <translation>Uniquement les jetons jamais utilisés</translation>
    </message>
    <message>
        <source>Search every user&apos;s tokens on the server with these filters</source>
        <translation>Rechercher les jetons de tous les utilisateurs du serveur avec ces filtres</translation>
    </message>
    <message>
        <source>Clear the search filters</source>
        <translation>Effacer les filtres de recherche</translation>
    </message>
    <message>
        <source>Problem with the search filters</source>
        <translation>Problème avec les filtres de recherche</translation>
    </message>
    <message>
        <source>&amp;Owner:</source>
        <translation>&amp;Propriétaire&#xa0;:</translation>
    </message>
    <message>
        <source>Token &amp;name contains:</source>
        <translation>&amp;Nom du jeton contient&#xa0;:</translation>
    </message>
    <message>
        <source>C&amp;reated:</source>
        <translation>&amp;Créé&#xa0;:</translation>
    </message>
    <message>
        <source>Created on or after</source>
        <translation>Créé le ou après le</translation>
    </message>
    <message>
        <source>Created on or before</source>
        <translation>Créé le ou avant le</translation>
    </message>
    <message>
        <source>E&amp;xpires:</source>
        <translation>E&amp;xpire&#xa0;:</translation>
    </message>
    <message>
        <source>Expires on or after</source>
        <translation>Expire le ou après le</translation>
    </message>
    <message>
        <source>Expires on or before</source>
        <translation>Expire le ou avant le</translation>
    </message>
    <message>
        <source>&amp;Last used:</source>
        <translation>&amp;Dernière utilisation&#xa0;:</translation>
    </message>
    <message>
        <source>Last used on or after</source>
        <translation>Dernière utilisation le ou après le</translation>
    </message>
    <message>
        <source>Last used on or before</source>
        <translation>Dernière utilisation le ou avant le</translation>
    </message>
    <message>
        <source>to</source>
        <translation>à</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>AAAA-MM-JJ</translation>
    </message>
    <message>
        <source>A day as year-month-day, for example 2025-03-31; empty for no limit.</source>
        <translation>Un jour au format année-mois-jour, par exemple 2025-03-31&#xa0;; vide pour aucune limite.</translation>
    </message>
    <message>
        <source>“%1” is not a day. Write it as year-month-day, for example 2025-03-31.</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;est pas un jour. Écrivez-le au format année-mois-jour, par exemple 2025-03-31.</translation>
    </message>
</context>
<context>
    <name>accessdesk::TokenSweep</name>
    <message>
        <source>the sweep stopped before checking</source>
        <translation>le nettoyage s&apos;est arrêté avant la vérification</translation>
    </message>
    <message>
        <source>checking was cancelled</source>
        <translation>la vérification a été annulée</translation>
    </message>
    <message>
        <source>Not sent: the activity log could not record it (%1).</source>
        <translation>Non envoyé&#xa0;: le journal d&apos;activité n&apos;a pas pu l&apos;enregistrer (%1).</translation>
    </message>
    <message>
        <source>Not sent: the sweep was cancelled.</source>
        <translation>Non envoyé&#xa0;: le nettoyage a été annulé.</translation>
    </message>
    <message>
        <source>Not sent: the sweep stopped first.</source>
        <translation>Non envoyé&#xa0;: le nettoyage s&apos;est arrêté avant.</translation>
    </message>
    <message>
        <source>Outcome unknown: the sweep stopped before the server answered.</source>
        <translation>Résultat inconnu&#xa0;: le nettoyage s&apos;est arrêté avant la réponse du serveur.</translation>
    </message>
    <message>
        <source>The server accepted the revoke, but still lists the token.</source>
        <translation>Le serveur a accepté la révocation, mais liste toujours le jeton.</translation>
    </message>
    <message>
        <source>Outcome unknown: the server accepted the revoke, but it could not be checked afterwards (%1). Search again to check.</source>
        <translation>Résultat inconnu&#xa0;: le serveur a accepté la révocation, mais elle n&apos;a pas pu être vérifiée ensuite (%1). Relancez la recherche pour vérifier.</translation>
    </message>
    <message>
        <source>Outcome unknown: %1 It could not be checked afterwards (%2). Search again to check.</source>
        <translation>Résultat inconnu&#xa0;: %1 Elle n&apos;a pas pu être vérifiée ensuite (%2). Relancez la recherche pour vérifier.</translation>
    </message>
    <message>
        <source>Outcome unknown: %1 The server still listed the token just afterwards, but may yet revoke it. Search again to check.</source>
        <translation>Résultat inconnu&#xa0;: %1 Le serveur listait encore le jeton juste après, mais peut encore le révoquer. Relancez la recherche pour vérifier.</translation>
    </message>
</context>
<context>
    <name>accessdesk::TokenSweepController</name>
    <message>
        <source>You stopped the search, so the list below is not every matching token. Nothing can be revoked from an incomplete list: find the tokens again to see them all.</source>
        <translation>Vous avez arrêté la recherche&#xa0;: la liste ci-dessous ne contient donc pas tous les jetons correspondants. Rien ne peut être révoqué à partir d&apos;une liste incomplète&#xa0;: relancez la recherche des jetons pour les voir tous.</translation>
    </message>
    <message>
        <source>The matching tokens could not be found. %1</source>
        <translation>Les jetons correspondants n&apos;ont pas pu être trouvés. %1</translation>
    </message>
    <message>
        <source>The activity log could not record the revokes, so the rest were not sent: %1</source>
        <translation>Le journal d&apos;activité n&apos;a pas pu enregistrer les révocations&#xa0;; les suivantes n&apos;ont donc pas été envoyées&#xa0;: %1</translation>
    </message>
    <message>
        <source>Whether the revokes worked could not be checked afterwards. %1</source>
        <translation>Impossible de vérifier ensuite si les révocations ont fonctionné. %1</translation>
    </message>
    <message>
        <source>The app switched to another server, so this window no longer acts. Open it again from the Personal tokens tab of that server.</source>
        <translation>L&apos;application est passée à un autre serveur&#xa0;: cette fenêtre n&apos;agit donc plus. Rouvrez-la depuis l&apos;onglet Jetons personnels de ce serveur.</translation>
    </message>
    <message>
        <source>Nothing has been revoked yet, so there is no receipt to save.</source>
        <translation>Rien n&apos;a encore été révoqué&#xa0;: il n&apos;y a donc aucun reçu à enregistrer.</translation>
    </message>
</context>
<context>
    <name>accessdesk::TokenSweepDialog</name>
    <message>
        <source>&amp;Never used</source>
        <translation>&amp;Jamais utilisé</translation>
    </message>
    <message>
        <source>Not &amp;used for</source>
        <translation>Non &amp;utilisé depuis</translation>
    </message>
    <message>
        <source>Days without use</source>
        <translation>Jours sans utilisation</translation>
    </message>
    <message>
        <source>E&amp;xpired</source>
        <translation>E&amp;xpiré</translation>
    </message>
    <message>
        <source>Expiring &amp;within</source>
        <translation>Expirant &amp;dans</translation>
    </message>
    <message>
        <source>Days until expiry</source>
        <translation>Jours avant l&apos;expiration</translation>
    </message>
    <message>
        <source>&amp;Find matching tokens</source>
        <translation>&amp;Trouver les jetons correspondants</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>Revoke…</source>
        <translation>Révoquer…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <source>Sweep stale tokens</source>
        <translation>Nettoyer les jetons obsolètes</translation>
    </message>
    <message>
        <source>Which tokens are stale?</source>
        <translation>Quels jetons sont obsolètes&#xa0;?</translation>
    </message>
    <message>
        <source>Find every user&apos;s personal access tokens that match a rule, check whose they are, then revoke them in one go. Nothing is revoked before you confirm.</source>
        <translation>Trouvez les jetons d&apos;accès personnels de tous les utilisateurs qui correspondent à une règle, vérifiez à qui ils appartiennent, puis révoquez-les en une seule fois. Rien n&apos;est révoqué avant votre confirmation.</translation>
    </message>
    <message>
        <source>Rule: never used</source>
        <translation>Règle&#xa0;: jamais utilisé</translation>
    </message>
    <message>
        <source>Rule: not used for a number of days</source>
        <translation>Règle&#xa0;: non utilisé depuis un certain nombre de jours</translation>
    </message>
    <message>
        <source>Rule: expired</source>
        <translation>Règle&#xa0;: expiré</translation>
    </message>
    <message>
        <source>Rule: expiring within a number of days</source>
        <translation>Règle&#xa0;: expirant dans un certain nombre de jours</translation>
    </message>
    <message>
        <source>days</source>
        <translation>jours</translation>
    </message>
    <message>
        <source>Find the tokens that match the rule</source>
        <translation>Trouver les jetons qui correspondent à la règle</translation>
    </message>
    <message>
        <source>Stop finding tokens</source>
        <translation>Arrêter la recherche de jetons</translation>
    </message>
    <message>
        <source>Tokens that match the rule</source>
        <translation>Jetons qui correspondent à la règle</translation>
    </message>
    <message>
        <source>Revoke the tokens that match</source>
        <translation>Révoquer les jetons correspondants</translation>
    </message>
    <message>
        <source>Revoke token</source>
        <translation>Révoquer le jeton</translation>
    </message>
    <message>
        <source>Revoke %1 tokens</source>
        <translation>Révoquer %1 jetons</translation>
    </message>
    <message>
        <source>Revoke personal access tokens</source>
        <translation>Révoquer des jetons d&apos;accès personnels</translation>
    </message>
    <message>
        <source>never used</source>
        <translation>jamais utilisé</translation>
    </message>
    <message>
        <source>not used for 1 day</source>
        <translation>non utilisé depuis 1 jour</translation>
    </message>
    <message>
        <source>not used for %1 days</source>
        <translation>non utilisé depuis %1 jours</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>expiré</translation>
    </message>
    <message>
        <source>expiring within 1 day</source>
        <translation>expirant dans 1 jour</translation>
    </message>
    <message>
        <source>expiring within %1 days</source>
        <translation>expirant dans %1 jours</translation>
    </message>
    <message>
        <source>Revoke this personal access token?</source>
        <translation>Révoquer ce jeton d&apos;accès personnel&#xa0;?</translation>
    </message>
    <message>
        <source>Revoke this personal access token, which is %1?</source>
        <translation>Révoquer ce jeton d&apos;accès personnel (%1)&#xa0;?</translation>
    </message>
    <message>
        <source>Revoke these %1 personal access tokens?</source>
        <translation>Révoquer ces %1 jetons d&apos;accès personnels&#xa0;?</translation>
    </message>
    <message>
        <source>Revoke these %1 personal access tokens, which are %2?</source>
        <translation>Révoquer ces %1 jetons d&apos;accès personnels (%2)&#xa0;?</translation>
    </message>
    <message>
        <source>• “%1” of %2</source>
        <translation>• «&#xa0;%1&#xa0;» (propriétaire&#xa0;: %2)</translation>
    </message>
    <message>
        <source>an unknown user</source>
        <translation>utilisateur inconnu</translation>
    </message>
    <message>
        <source>• …and %1 more.</source>
        <translation>• …et %1 autres.</translation>
    </message>
    <message>
        <source>Scripts and tools that use it will be refused by Jira from then on. This cannot be undone: its owner would have to create a new token.</source>
        <translation>Les scripts et outils qui l&apos;utilisent seront dès lors refusés par Jira. Cette action est irréversible&#xa0;: son propriétaire devrait créer un nouveau jeton.</translation>
    </message>
    <message>
        <source>Scripts and tools that use them will be refused by Jira from then on. This cannot be undone: each owner would have to create a new token.</source>
        <translation>Les scripts et outils qui les utilisent seront dès lors refusés par Jira. Cette action est irréversible&#xa0;: chaque propriétaire devrait créer un nouveau jeton.</translation>
    </message>
    <message>
        <source>Revoke stale tokens</source>
        <translation>Révoquer les jetons obsolètes</translation>
    </message>
    <message>
        <source>Revoke 1 token…</source>
        <translation>Révoquer 1 jeton…</translation>
    </message>
    <message>
        <source>Revoke %1 tokens…</source>
        <translation>Révoquer %1 jetons…</translation>
    </message>
    <message>
        <source>The rule changed since the tokens were found: press Find to see the tokens it matches.</source>
        <translation>La règle a changé depuis que les jetons ont été trouvés&#xa0;: cliquez sur Trouver pour voir les jetons qui y correspondent.</translation>
    </message>
    <message>
        <source>Searching every user&apos;s tokens…</source>
        <translation>Recherche des jetons de tous les utilisateurs…</translation>
    </message>
    <message>
        <source>%1 found so far; checked %2 of ~1 token…</source>
        <translation>%1 trouvés jusqu&apos;ici&#xa0;; %2 jeton vérifié sur ~1…</translation>
    </message>
    <message>
        <source>%1 found so far; checked %2 of ~%3 tokens…</source>
        <translation>%1 trouvés jusqu&apos;ici&#xa0;; %2 jetons vérifiés sur ~%3…</translation>
    </message>
    <message>
        <source>No token matches the rule.</source>
        <translation>Aucun jeton ne correspond à la règle.</translation>
    </message>
    <message>
        <source>1 token matches the rule.</source>
        <translation>1 jeton correspond à la règle.</translation>
    </message>
    <message>
        <source>%1 tokens match the rule, all of one user.</source>
        <translation>%1 jetons correspondent à la règle, tous d&apos;un même utilisateur.</translation>
    </message>
    <message>
        <source>%1 tokens match the rule, of %2 users.</source>
        <translation>%1 jetons correspondent à la règle, de %2 utilisateurs.</translation>
    </message>
    <message>
        <source>Choose a rule, then press Find to see which tokens match.</source>
        <translation>Choisissez une règle, puis cliquez sur Trouver pour voir quels jetons correspondent.</translation>
    </message>
    <message>
        <source>1 token found before the search stopped.</source>
        <translation>1 jeton trouvé avant l&apos;arrêt de la recherche.</translation>
    </message>
    <message>
        <source>%1 tokens found before the search stopped.</source>
        <translation>%1 jetons trouvés avant l&apos;arrêt de la recherche.</translation>
    </message>
</context>
<context>
    <name>accessdesk::TokenSweepRunPage</name>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Save &amp;receipt…</source>
        <translation>Enregistrer le &amp;reçu…</translation>
    </message>
    <message>
        <source>What the revoke is doing</source>
        <translation>Ce que fait la révocation</translation>
    </message>
    <message>
        <source>Revoke progress</source>
        <translation>Progression de la révocation</translation>
    </message>
    <message>
        <source>Cancel the revoke</source>
        <translation>Annuler la révocation</translation>
    </message>
    <message>
        <source>Send no further batch; what was sent is still checked.</source>
        <translation>N&apos;envoyer aucun autre lot&#xa0;; ce qui a été envoyé est tout de même vérifié.</translation>
    </message>
    <message>
        <source>What the revoke did</source>
        <translation>Ce qu&apos;a fait la révocation</translation>
    </message>
    <message>
        <source>Each token&apos;s outcome</source>
        <translation>Résultat de chaque jeton</translation>
    </message>
    <message>
        <source>Where the receipt was saved</source>
        <translation>Emplacement où le reçu a été enregistré</translation>
    </message>
    <message>
        <source>Save a receipt of the revoke as CSV</source>
        <translation>Enregistrer un reçu de la révocation en CSV</translation>
    </message>
    <message>
        <source>Every token with its outcome, as a CSV file only you can read</source>
        <translation>Chaque jeton avec son résultat, dans un fichier CSV que vous seul pouvez lire</translation>
    </message>
    <message>
        <source>Stopping the check…</source>
        <translation>Arrêt de la vérification…</translation>
    </message>
    <message>
        <source>Checking that the server no longer lists them…</source>
        <translation>Vérification que le serveur ne les liste plus…</translation>
    </message>
    <message>
        <source>Stop checking; the tokens not checked are reported as unknown.</source>
        <translation>Arrêter la vérification&#xa0;; les jetons non vérifiés sont signalés comme inconnus.</translation>
    </message>
    <message>
        <source>%v of %m answered</source>
        <translation>%v sur %m ont répondu</translation>
    </message>
    <message>
        <source>Cancelling: waiting for the batch under way, then checking what was revoked…</source>
        <translation>Annulation&#xa0;: attente du lot en cours, puis vérification de ce qui a été révoqué…</translation>
    </message>
    <message>
        <source>Revoking “%1”…</source>
        <translation>Révocation de «&#xa0;%1&#xa0;»…</translation>
    </message>
    <message>
        <source>Revoking %1 tokens…</source>
        <translation>Révocation de %1 jetons…</translation>
    </message>
    <message>
        <source>Revoked “%1”; the server no longer lists it.</source>
        <translation>«&#xa0;%1&#xa0;» révoqué&#xa0;; le serveur ne le liste plus.</translation>
    </message>
    <message>
        <source>“%1” was not revoked.</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;a pas été révoqué.</translation>
    </message>
    <message>
        <source>Revoked all %1 tokens; the server no longer lists them.</source>
        <translation>Les %1 jetons ont tous été révoqués&#xa0;; le serveur ne les liste plus.</translation>
    </message>
    <message>
        <source>You cancelled: %1 of %2 tokens revoked.</source>
        <translation>Vous avez annulé&#xa0;: %1 jetons révoqués sur %2.</translation>
    </message>
    <message>
        <source>%1 of %2 tokens revoked.</source>
        <translation>%1 jetons révoqués sur %2.</translation>
    </message>
    <message>
        <source>Revoked, and no longer listed by the server: %1</source>
        <translation>Révoqués, et plus listés par le serveur&#xa0;: %1</translation>
    </message>
    <message>
        <source>Not revoked, still listed by the server: %1</source>
        <translation>Non révoqués, toujours listés par le serveur&#xa0;: %1</translation>
    </message>
    <message>
        <source>Failed, refused by the server: %1</source>
        <translation>En échec, refusés par le serveur&#xa0;: %1</translation>
    </message>
    <message>
        <source>Not confirmed, could not be checked afterwards (search again to check): %1</source>
        <translation>Non confirmés, impossible de vérifier ensuite (relancez la recherche pour vérifier)&#xa0;: %1</translation>
    </message>
    <message>
        <source>Not attempted, never sent: %1</source>
        <translation>Non tentés, jamais envoyés&#xa0;: %1</translation>
    </message>
    <message>
        <source>Why:</source>
        <translation>Motif&#xa0;:</translation>
    </message>
    <message>
        <source>• %1 (1 token)</source>
        <translation>• %1 (1 jeton)</translation>
    </message>
    <message>
        <source>• %1 (%2 tokens)</source>
        <translation>• %1 (%2 jetons)</translation>
    </message>
    <message>
        <source>• …and other reasons: see the table and the receipt.</source>
        <translation>• …et d&apos;autres motifs&#xa0;: voir le tableau et le reçu.</translation>
    </message>
    <message>
        <source>Save the receipt</source>
        <translation>Enregistrer le reçu</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>Fichiers CSV (*.csv);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Receipt saved as %1 (only you can read it).</source>
        <translation>Reçu enregistré sous %1 (vous seul pouvez le lire).</translation>
    </message>
    <message>
        <source>The receipt could not be saved. %1</source>
        <translation>Le reçu n&apos;a pas pu être enregistré. %1</translation>
    </message>
</context>
<context>
    <name>accessdesk::cli::CliAdminPats</name>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… et %n autre</numerusform>
            <numerusform>… et %n autres</numerusform>
        </translation>
    </message>
    <message>
        <source>No personal access token matches.</source>
        <translation>Aucun jeton d&apos;accès personnel ne correspond.</translation>
    </message>
    <message>
        <source>Scripts and tools that use it will be refused by Jira from then on.</source>
        <translation>Jira refusera dès lors les scripts et outils qui l&apos;utilisent.</translation>
    </message>
    <message>
        <source>Scripts and tools that use them will be refused by Jira from then on.</source>
        <translation>Jira refusera dès lors les scripts et outils qui les utilisent.</translation>
    </message>
    <message>
        <source>--dry-run and --receipt belong to admin-pats sweep</source>
        <translation>--dry-run et --receipt s&apos;utilisent avec admin-pats sweep</translation>
    </message>
    <message>
        <source>admin-pats revoke takes token ids only (to revoke by a rule, use admin-pats sweep)</source>
        <translation>admin-pats revoke n&apos;accepte que des ID de jetons (pour révoquer selon une règle, utilisez admin-pats sweep)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a personal access token id (see: admin-pats search)</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;est pas un ID de jeton d&apos;accès personnel (voir&#xa0;: admin-pats search)</translation>
    </message>
    <message>
        <source>admin-pats sweep takes exactly one rule: --never-used, --expired, --unused-days N or --expiring-days N</source>
        <translation>admin-pats sweep attend exactement une règle&#xa0;: --never-used, --expired, --unused-days N ou --expiring-days N</translation>
    </message>
    <message>
        <source>--dry-run changes nothing, so it has no receipt</source>
        <translation>--dry-run ne modifie rien et ne produit donc pas de reçu</translation>
    </message>
    <message>
        <source>no personal access token has the id %1 (see: admin-pats search)</source>
        <translation>aucun jeton d&apos;accès personnel n&apos;a l&apos;ID %1 (voir&#xa0;: admin-pats search)</translation>
    </message>
    <message>
        <source>Revoke this personal access token?</source>
        <translation>Révoquer ce jeton d&apos;accès personnel&#xa0;?</translation>
    </message>
    <message numerus="yes">
        <source>Revoke these %n personal access tokens?</source>
        <translation>
            <numerusform>Révoquer %n jeton d&apos;accès personnel&#xa0;?</numerusform>
            <numerusform>Révoquer ces %n jetons d&apos;accès personnels&#xa0;?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Revoke %n personal access token(s) that are %1?</source>
        <extracomment>%1 is the rule, e.g. &quot;never used&quot;</extracomment>
        <translation>
            <numerusform>Révoquer %n jeton d&apos;accès personnel correspondant à la règle «&#xa0;%1&#xa0;»&#xa0;?</numerusform>
            <numerusform>Révoquer %n jetons d&apos;accès personnels correspondant à la règle «&#xa0;%1&#xa0;»&#xa0;?</numerusform>
        </translation>
    </message>
    <message>
        <source>the receipt cannot be written: %1</source>
        <translation>impossible d&apos;écrire le reçu&#xa0;: %1</translation>
    </message>
    <message>
        <source>no user matches &quot;%1&quot;</source>
        <translation>aucun utilisateur ne correspond à «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>more than %1 users match &quot;%2&quot;; give more of the name</source>
        <translation>plus de %1 utilisateurs correspondent à «&#xa0;%2&#xa0;»&#xa0;; précisez davantage le nom</translation>
    </message>
    <message>
        <source>only Jira system administrators can search and revoke other users&apos; personal access tokens (on Jira Data Center)</source>
        <translation>seuls les administrateurs système Jira peuvent rechercher et révoquer les jetons d&apos;accès personnels des autres utilisateurs (sur Jira Data Center)</translation>
    </message>
    <message numerus="yes">
        <source>page %1 of the token search failed, after %n token(s): %2</source>
        <translation>
            <numerusform>la page %1 de la recherche de jetons a échoué, après %n jeton&#xa0;: %2</numerusform>
            <numerusform>la page %1 de la recherche de jetons a échoué, après %n jetons&#xa0;: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>revoking… %1 of %n token(s)</source>
        <translation>
            <numerusform>révocation… %1 sur %n jeton</numerusform>
            <numerusform>révocation… %1 sur %n jetons</numerusform>
        </translation>
    </message>
    <message>
        <source>checking which tokens the server still lists…</source>
        <translation>vérification des jetons que le serveur liste encore…</translation>
    </message>
    <message>
        <source>No personal access token matches: nothing to revoke.</source>
        <translation>Aucun jeton d&apos;accès personnel ne correspond&#xa0;: rien à révoquer.</translation>
    </message>
    <message numerus="yes">
        <source>revoked %1 of %n token(s)</source>
        <translation>
            <numerusform>%1 sur %n jeton révoqué</numerusform>
            <numerusform>%1 sur %n jetons révoqués</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>revoked %1 of %n token(s); %2</source>
        <translation>
            <numerusform>%1 sur %n jeton révoqué&#xa0;; %2</numerusform>
            <numerusform>%1 sur %n jetons révoqués&#xa0;; %2</numerusform>
        </translation>
    </message>
    <message>
        <source>the receipt was not written: %1</source>
        <translation>le reçu n&apos;a pas été écrit&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>accessdesk::cli::CliApp</name>
    <message>
        <source>unknown command &quot;%1&quot; (see --help)</source>
        <translation>commande inconnue «&#xa0;%1&#xa0;» (voir --help)</translation>
    </message>
    <message>
        <source>revoking needs a confirmation: run it in a terminal or add --yes</source>
        <translation>la révocation nécessite une confirmation&#xa0;: lancez la commande dans un terminal ou ajoutez --yes</translation>
    </message>
    <message>
        <source>nothing was revoked</source>
        <translation>rien n&apos;a été révoqué</translation>
    </message>
    <message>
        <source>%1
  subject:  %2
  issuer:   %3
  valid:    %4 to %5
  sha256:   %6
If you trust this certificate for this server, run again with --pin-sha256 %6</source>
        <extracomment>%1 is the error message; the labels stay aligned in their column.</extracomment>
        <translation>%1
  sujet&#xa0;:      %2
  émetteur&#xa0;:   %3
  validité&#xa0;:   du %4 au %5
  sha256&#xa0;:     %6
Si vous faites confiance à ce certificat pour ce serveur, relancez avec --pin-sha256 %6</translation>
    </message>
    <message>
        <source>warning: 1 grant on the access-tokens page could not be read (%1); open %2 in the browser</source>
        <translation>avertissement&#xa0;: 1 autorisation de la page des jetons d&apos;accès n&apos;a pas pu être lue (%1)&#xa0;; ouvrez %2 dans le navigateur</translation>
    </message>
    <message>
        <source>warning: 1 grant on the access-tokens page could not be read (%1: &quot;%2&quot;); open %3 in the browser</source>
        <translation>avertissement&#xa0;: 1 autorisation de la page des jetons d&apos;accès n&apos;a pas pu être lue (%1&#xa0;: «&#xa0;%2&#xa0;»)&#xa0;; ouvrez %3 dans le navigateur</translation>
    </message>
    <message>
        <source>No application can act as you.</source>
        <translation>Aucune application ne peut agir en votre nom.</translation>
    </message>
    <message>
        <source>no grant has the id %1 (see: tokens list)</source>
        <translation>aucune autorisation n&apos;a l&apos;ID %1 (voir&#xa0;: tokens list)</translation>
    </message>
    <message>
        <source>not revoked: %1: %2</source>
        <extracomment>%1 names the grant, %2 says why</extracomment>
        <translation>non révoquée&#xa0;: %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>could not revoke: %1: %2</source>
        <translation>impossible de révoquer&#xa0;: %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>not confirmed: %1: %2</source>
        <translation>non confirmée&#xa0;: %1&#xa0;: %2</translation>
    </message>
    <message numerus="yes">
        <source>revoked %1 of %n grant(s); %2 not revoked; %3 not confirmed, check with: tokens list</source>
        <translation>
            <numerusform>%1 sur %n autorisation révoquée&#xa0;; non révoquée&#xa0;: %2&#xa0;; non confirmée&#xa0;: %3, vérifiez avec&#xa0;: tokens list</numerusform>
            <numerusform>%1 sur %n autorisations révoquées&#xa0;; non révoquées&#xa0;: %2&#xa0;; non confirmées&#xa0;: %3, vérifiez avec&#xa0;: tokens list</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>revoked %1 of %n grant(s); %2 not revoked</source>
        <translation>
            <numerusform>%1 sur %n autorisation révoquée&#xa0;; non révoquée&#xa0;: %2</numerusform>
            <numerusform>%1 sur %n autorisations révoquées&#xa0;; non révoquées&#xa0;: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>revoked %1 of %n grant(s); %2 not confirmed, check with: tokens list</source>
        <translation>
            <numerusform>%1 sur %n autorisation révoquée&#xa0;; non confirmée&#xa0;: %2, vérifiez avec&#xa0;: tokens list</numerusform>
            <numerusform>%1 sur %n autorisations révoquées&#xa0;; non confirmées&#xa0;: %2, vérifiez avec&#xa0;: tokens list</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>revoked %1 of %n grant(s)</source>
        <translation>
            <numerusform>%1 sur %n autorisation révoquée</numerusform>
            <numerusform>%1 sur %n autorisations révoquées</numerusform>
        </translation>
    </message>
    <message>
        <source>You have no personal access tokens.</source>
        <translation>Vous n&apos;avez aucun jeton d&apos;accès personnel.</translation>
    </message>
    <message>
        <source>this is the only time the token is shown; store it somewhere safe now.</source>
        <translation>le jeton n&apos;est affiché que cette fois&#xa0;; conservez-le dès maintenant en lieu sûr.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a personal access token id (see: pat list)</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;est pas un ID de jeton d&apos;accès personnel (voir&#xa0;: pat list)</translation>
    </message>
    <message>
        <source>nothing was changed</source>
        <translation>rien n&apos;a été modifié</translation>
    </message>
    <message>
        <source>profiles add needs --server URL</source>
        <translation>profiles add nécessite --server URL</translation>
    </message>
    <message>
        <source>the profile was not saved: %1</source>
        <translation>le profil n&apos;a pas été enregistré&#xa0;: %1</translation>
    </message>
    <message>
        <source>nothing was saved.</source>
        <translation>rien n&apos;a été enregistré.</translation>
    </message>
    <message>
        <source>the keychain refused to store the secret (%1), so profile &quot;%2&quot; was not saved</source>
        <translation>le trousseau a refusé d&apos;enregistrer le secret (%1)&#xa0;: le profil «&#xa0;%2&#xa0;» n&apos;a donc pas été enregistré</translation>
    </message>
    <message>
        <source>profile &quot;%1&quot; was saved, but its secret was not saved (%2); give the secret through the environment when you use the profile.</source>
        <translation>le profil «&#xa0;%1&#xa0;» a été enregistré, mais pas son secret (%2)&#xa0;; fournissez le secret par l&apos;environnement lorsque vous utilisez le profil.</translation>
    </message>
    <message>
        <source>Saved profile &quot;%1&quot;.</source>
        <translation>Profil «&#xa0;%1&#xa0;» enregistré.</translation>
    </message>
    <message>
        <source>the server answers; signing in was not tested, because no secret for %1 was given (it will be asked for when the profile is used).</source>
        <extracomment>%1 is the sign-in kind: basic, pat, session, oauth1 or oauth2</extracomment>
        <translation>le serveur répond&#xa0;; la connexion n&apos;a pas été testée, car aucun secret n&apos;a été fourni pour %1 (il sera demandé lors de l&apos;utilisation du profil).</translation>
    </message>
    <message>
        <source>No profiles yet: add one with &apos;profiles add NAME --server URL ...&apos;.</source>
        <translation>Aucun profil pour l&apos;instant&#xa0;: ajoutez-en un avec &apos;profiles add NAME --server URL ...&apos;.</translation>
    </message>
    <message>
        <source>Removed profile &quot;%1&quot; and its secrets.</source>
        <translation>Profil «&#xa0;%1&#xa0;» et ses secrets supprimés.</translation>
    </message>
    <message>
        <source>there is no profile named &quot;%1&quot;</source>
        <translation>aucun profil ne s&apos;appelle «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <source>the keychain refused to remove the secrets of &quot;%1&quot;: %2</source>
        <translation>le trousseau a refusé de supprimer les secrets de «&#xa0;%1&#xa0;»&#xa0;: %2</translation>
    </message>
    <message>
        <source>the profile file could not be written</source>
        <translation>le fichier des profils n&apos;a pas pu être écrit</translation>
    </message>
    <message>
        <source>Nothing has been changed from this machine yet.</source>
        <translation>Rien n&apos;a encore été modifié depuis cette machine.</translation>
    </message>
    <message>
        <source>oauth1 authorize needs --consumer-key KEY and --private-key FILE</source>
        <translation>oauth1 authorize nécessite --consumer-key KEY et --private-key FILE</translation>
    </message>
    <message>
        <source>Open this address in a browser, sign in and allow access:</source>
        <translation>Ouvrez cette adresse dans un navigateur, connectez-vous et autorisez l&apos;accès&#xa0;:</translation>
    </message>
    <message>
        <source>Then type the verification code the page shows:</source>
        <translation>Saisissez ensuite le code de vérification affiché par la page&#xa0;:</translation>
    </message>
    <message>
        <source>no verification code was given: run it in a terminal, or write the code to standard input</source>
        <translation>aucun code de vérification n&apos;a été fourni&#xa0;: lancez la commande dans un terminal ou écrivez le code sur l&apos;entrée standard</translation>
    </message>
    <message>
        <source>oauth2 login needs --client-id ID</source>
        <translation>oauth2 login nécessite --client-id ID</translation>
    </message>
    <message>
        <source>OAuth 2.0 client secret</source>
        <translation>secret client OAuth 2.0</translation>
    </message>
    <message>
        <source>Waiting for the browser to come back to %1 …</source>
        <translation>En attente du retour du navigateur vers %1…</translation>
    </message>
    <message>
        <source>the OAuth access token and its secret could not be stored in the keychain (%1); run again without --profile to print them instead</source>
        <translation>le jeton d&apos;accès OAuth et son secret n&apos;ont pas pu être enregistrés dans le trousseau (%1)&#xa0;; relancez sans --profile pour les afficher à la place</translation>
    </message>
    <message>
        <source>the OAuth 2.0 tokens could not be stored in the keychain (%1); run again without --profile to print them instead</source>
        <translation>les jetons OAuth 2.0 n&apos;ont pas pu être enregistrés dans le trousseau (%1)&#xa0;; relancez sans --profile pour les afficher à la place</translation>
    </message>
    <message>
        <source>the profile was not updated: %1</source>
        <translation>le profil n&apos;a pas été mis à jour&#xa0;: %1</translation>
    </message>
    <message>
        <source>OAuth access token and its secret</source>
        <translation>jeton d&apos;accès OAuth et son secret</translation>
    </message>
    <message>
        <source>OAuth 2.0 tokens</source>
        <translation>jetons OAuth 2.0</translation>
    </message>
    <message>
        <source>Stored the OAuth access token and its secret of profile &quot;%1&quot; in the keychain.</source>
        <translation>Le jeton d&apos;accès OAuth et son secret du profil «&#xa0;%1&#xa0;» ont été enregistrés dans le trousseau.</translation>
    </message>
    <message>
        <source>Stored the OAuth 2.0 tokens of profile &quot;%1&quot; in the keychain.</source>
        <translation>Les jetons OAuth 2.0 du profil «&#xa0;%1&#xa0;» ont été enregistrés dans le trousseau.</translation>
    </message>
    <message>
        <source>oauth2 refresh needs --profile NAME: the tokens are read from and stored in its keychain entries</source>
        <translation>oauth2 refresh nécessite --profile NAME&#xa0;: les jetons sont lus dans ses entrées du trousseau et y sont enregistrés</translation>
    </message>
    <message>
        <source>Refreshed the OAuth 2.0 tokens of profile &quot;%1&quot;.</source>
        <translation>Les jetons OAuth 2.0 du profil «&#xa0;%1&#xa0;» ont été renouvelés.</translation>
    </message>
    <message>
        <source>profile &quot;%1&quot; has no OAuth 2.0 client id: sign in with oauth2 login --client-id ID</source>
        <translation>le profil «&#xa0;%1&#xa0;» n&apos;a pas d&apos;identifiant client OAuth 2.0&#xa0;: connectez-vous avec oauth2 login --client-id ID</translation>
    </message>
    <message>
        <source>profile &quot;%1&quot; has no OAuth 2.0 refresh token: sign in with oauth2 login</source>
        <translation>le profil «&#xa0;%1&#xa0;» n&apos;a pas de jeton d&apos;actualisation OAuth 2.0&#xa0;: connectez-vous avec oauth2 login</translation>
    </message>
    <message>
        <source>the refreshed OAuth 2.0 tokens could not be stored (%1); sign in again with oauth2 login next time.</source>
        <translation>les jetons OAuth 2.0 renouvelés n&apos;ont pas pu être enregistrés (%1)&#xa0;; reconnectez-vous avec oauth2 login la prochaine fois.</translation>
    </message>
    <message>
        <source>the output could not be written: %1</source>
        <translation>la sortie n&apos;a pas pu être écrite&#xa0;: %1</translation>
    </message>
    <message>
        <source>the output could not be written</source>
        <translation>la sortie n&apos;a pas pu être écrite</translation>
    </message>
    <message>
        <source>the activity log is in use by another program, so the revoke was not recorded and nothing was sent; try again when it is done</source>
        <translation>le journal d&apos;activité est utilisé par un autre programme&#xa0;; la révocation n&apos;a donc pas été enregistrée et rien n&apos;a été envoyé&#xa0;; réessayez quand il aura terminé</translation>
    </message>
    <message>
        <source>the activity log could not record the revoke (%1), so nothing was sent</source>
        <translation>le journal d&apos;activité n&apos;a pas pu enregistrer la révocation (%1)&#xa0;; rien n&apos;a donc été envoyé</translation>
    </message>
    <message numerus="yes">
        <source>the activity log could not record the next revoke (%1), so %n grant(s) were not sent</source>
        <extracomment>%1 says why the log could not record</extracomment>
        <translation>
            <numerusform>le journal d&apos;activité n&apos;a pas pu enregistrer la révocation suivante (%1)&#xa0;; %n autorisation n&apos;a donc pas été envoyée</numerusform>
            <numerusform>le journal d&apos;activité n&apos;a pas pu enregistrer la révocation suivante (%1)&#xa0;; %n autorisations n&apos;ont donc pas été envoyées</numerusform>
        </translation>
    </message>
    <message>
        <source>the activity log %1 is in use by another program; try again when it is done</source>
        <translation>le journal d&apos;activité %1 est utilisé par un autre programme&#xa0;; réessayez quand il aura terminé</translation>
    </message>
    <message>
        <source>the activity log %1 is damaged (not a database); move it aside and AccessDesk starts a new one</source>
        <translation>le journal d&apos;activité %1 est endommagé (ce n&apos;est pas une base de données)&#xa0;; déplacez-le et AccessDesk en commencera un nouveau</translation>
    </message>
    <message>
        <source>cannot open the activity log %1: %2</source>
        <translation>impossible d&apos;ouvrir le journal d&apos;activité %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>profile &quot;%1&quot; was saved, but no keychain is available (%2), so its secret was not saved; give the secret through the environment when you use the profile.</source>
        <translation>le profil «&#xa0;%1&#xa0;» a été enregistré, mais aucun trousseau n&apos;est disponible (%2)&#xa0;; son secret n&apos;a donc pas été enregistré. Donnez le secret par l&apos;environnement quand vous utilisez le profil.</translation>
    </message>
    <message>
        <source>%1
  The certificate is not the one pinned for this server: it changed, or another server answers.
  pinned:   %2
  offered:  %3
  subject:  %4
  issuer:   %5
  valid:    %6 to %7
If you checked the offered certificate with the server&apos;s administrator and trust it, run again with --pin-sha256 %3</source>
        <extracomment>%1 is the error message; the labels stay aligned in their column.</extracomment>
        <translation>%1
  Le certificat n’est pas celui épinglé pour ce serveur&#xa0;: il a changé, ou un autre serveur répond.
  épinglé&#xa0;:    %2
  présenté&#xa0;:   %3
  sujet&#xa0;:      %4
  émetteur&#xa0;:   %5
  validité&#xa0;:   du %6 au %7
Si vous avez vérifié le certificat présenté avec l’administrateur du serveur et lui faites confiance, relancez avec --pin-sha256 %3</translation>
    </message>
</context>
<context>
    <name>accessdesk::cli::CliConsumers</name>
    <message>
        <source>cannot read --public-key %1: %2</source>
        <translation>impossible de lire --public-key %1&#xa0;: %2</translation>
    </message>
    <message>
        <source>the consumer was not approved; nothing was sent:</source>
        <translation>le consommateur n&apos;a pas été approuvé&#xa0;; rien n&apos;a été envoyé&#xa0;:</translation>
    </message>
    <message>
        <source>“%1” has no incoming OAuth consumer; nothing was removed</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;a aucun consommateur OAuth entrant&#xa0;; rien n&apos;a été supprimé</translation>
    </message>
    <message>
        <source>Remove the OAuth consumer “%1” (key %2) from the application link “%3”?</source>
        <translation>Supprimer le consommateur OAuth «&#xa0;%1&#xa0;» (clé %2) du lien d&apos;application «&#xa0;%3&#xa0;»&#xa0;?</translation>
    </message>
    <message>
        <source>removing a consumer needs a confirmation: run it in a terminal or add --yes (nothing was changed)</source>
        <translation>la suppression d&apos;un consommateur nécessite une confirmation&#xa0;: lancez la commande dans un terminal ou ajoutez --yes (rien n&apos;a été modifié)</translation>
    </message>
    <message>
        <source>%1 holds no PEM certificate</source>
        <translation>%1 ne contient aucun certificat PEM</translation>
    </message>
    <message>
        <source>warning: this public key cannot be approved: %1</source>
        <translation>avertissement&#xa0;: cette clé publique ne peut pas être approuvée&#xa0;: %1</translation>
    </message>
    <message>
        <source>consumers keygen needs --out FILE, the file for the private key</source>
        <translation>consumers keygen nécessite --out FILE, le fichier de la clé privée</translation>
    </message>
    <message>
        <source>Add --force to replace it.</source>
        <translation>Ajoutez --force pour le remplacer.</translation>
    </message>
    <message>
        <source>the private key is in %1, readable by you only; AccessDesk keeps no copy. Public key SHA-256 %2</source>
        <translation>la clé privée se trouve dans %1, lisible par vous seul&#xa0;; AccessDesk n&apos;en garde aucune copie. Clé publique SHA-256 %2</translation>
    </message>
</context>
<context>
    <name>accessdesk::cli::CliLinks</name>
    <message>
        <source>note: %1</source>
        <translation>remarque&#xa0;: %1</translation>
    </message>
    <message>
        <source>links update needs --name, --display-url or --rpc-url</source>
        <translation>links update nécessite --name, --display-url ou --rpc-url</translation>
    </message>
    <message>
        <source>nothing was deleted</source>
        <translation>rien n&apos;a été supprimé</translation>
    </message>
    <message>
        <source>nothing was deleted: this needs a confirmation: run it in a terminal or add --yes</source>
        <translation>rien n&apos;a été supprimé&#xa0;: une confirmation est nécessaire&#xa0;: lancez la commande dans un terminal ou ajoutez --yes</translation>
    </message>
    <message>
        <source>the link was not moved: nothing answers at %1</source>
        <translation>le lien n&apos;a pas été déplacé&#xa0;: rien ne répond à %1</translation>
    </message>
    <message>
        <source>the link was not moved: nothing answers at %1: this needs a confirmation: run it in a terminal or add --yes</source>
        <translation>le lien n&apos;a pas été déplacé&#xa0;: rien ne répond à %1&#xa0;: une confirmation est nécessaire&#xa0;: lancez la commande dans un terminal ou ajoutez --yes</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an application link id (see: links list)</source>
        <translation>«&#xa0;%1&#xa0;» n&apos;est pas un ID de lien d&apos;application (voir&#xa0;: links list)</translation>
    </message>
    <message>
        <source>this server has no application link with the id %1 (see: links list)</source>
        <translation>ce serveur n&apos;a aucun lien d&apos;application avec l&apos;ID %1 (voir&#xa0;: links list)</translation>
    </message>
    <message>
        <source>This server has no application links.</source>
        <translation>Ce serveur n&apos;a aucun lien d&apos;application.</translation>
    </message>
    <message numerus="yes">
        <source>checked %1 of %n links</source>
        <translation>
            <numerusform>%1 sur %n lien vérifié</numerusform>
            <numerusform>%1 sur %n liens vérifiés</numerusform>
        </translation>
    </message>
    <message>
        <source>could not check “%1” (%2): %3</source>
        <translation>impossible de vérifier «&#xa0;%1&#xa0;» (%2)&#xa0;: %3</translation>
    </message>
</context>
<context>
    <name>accessdesk::cli::CliOAuth2Clients</name>
    <message>
        <source>resetting a client secret needs a confirmation: run it in a terminal or add --yes (nothing was changed)</source>
        <translation>la réinitialisation d&apos;un secret client nécessite une confirmation&#xa0;: lancez la commande dans un terminal ou ajoutez --yes (rien n&apos;a été modifié)</translation>
    </message>
    <message>
        <source>Reset the secret of the OAuth 2.0 client “%1” (client id %2)?</source>
        <translation>Réinitialiser le secret du client OAuth 2.0 «&#xa0;%1&#xa0;» (ID client %2)&#xa0;?</translation>
    </message>
    <message>
        <source>deleting a client needs a confirmation: run it in a terminal or add --yes (nothing was changed)</source>
        <translation>la suppression d&apos;un client nécessite une confirmation&#xa0;: lancez la commande dans un terminal ou ajoutez --yes (rien n&apos;a été modifié)</translation>
    </message>
    <message>
        <source>Delete the OAuth 2.0 client “%1” (client id %2)?</source>
        <translation>Supprimer le client OAuth 2.0 «&#xa0;%1&#xa0;» (ID client %2)&#xa0;?</translation>
    </message>
    <message>
        <source>the OAuth 2.0 client was not changed; nothing was sent:</source>
        <translation>le client OAuth 2.0 n&apos;a pas été modifié&#xa0;; rien n&apos;a été envoyé&#xa0;:</translation>
    </message>
    <message>
        <source>the OAuth 2.0 client was not created; nothing was sent:</source>
        <translation>le client OAuth 2.0 n&apos;a pas été créé&#xa0;; rien n&apos;a été envoyé&#xa0;:</translation>
    </message>
    <message>
        <source>this is the only time the client secret is shown; store it somewhere safe now.</source>
        <translation>le secret client n&apos;est affiché que cette fois&#xa0;; conservez-le dès maintenant en lieu sûr.</translation>
    </message>
    <message>
        <source>The server has no OAuth 2.0 clients.</source>
        <translation>Le serveur n&apos;a aucun client OAuth 2.0.</translation>
    </message>
    <message>
        <source>oauth2-clients update needs --name, --redirect or --scope (what is not given stays)</source>
        <translation>oauth2-clients update nécessite --name, --redirect ou --scope (ce qui n&apos;est pas indiqué reste inchangé)</translation>
    </message>
    <message>
        <source>no OAuth 2.0 client has the id or client id “%1” (see: oauth2-clients list)</source>
        <translation>aucun client OAuth 2.0 n&apos;a l&apos;ID ou l&apos;ID client «&#xa0;%1&#xa0;» (voir&#xa0;: oauth2-clients list)</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>See and revoke access on Jira Data Center. Without --profile or --server it opens the last server used.</source>
        <translation>Consulter et révoquer les accès sur Jira Data Center. Sans --profile ni --server, ouvre le dernier serveur utilisé.</translation>
    </message>
    <message>
        <source>(see accessdesk-cli --help)</source>
        <translation>(voir accessdesk-cli --help)</translation>
    </message>
</context>
</TS>
