<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>ActivityLog</name>
    <message>
        <source>Cannot record the action: %1</source>
        <translation>Die Aktion kann nicht protokolliert werden: %1</translation>
    </message>
    <message>
        <source>An action can only complete as succeeded, failed or unknown.</source>
        <translation>Eine Aktion kann nur als erfolgreich, fehlgeschlagen oder unbekannt abgeschlossen werden.</translation>
    </message>
    <message>
        <source>Cannot record the outcome: %1</source>
        <translation>Das Ergebnis kann nicht protokolliert werden: %1</translation>
    </message>
    <message>
        <source>Activity %1 is unknown or already complete.</source>
        <translation>Die Aktivität %1 ist unbekannt oder bereits abgeschlossen.</translation>
    </message>
    <message>
        <source>Cannot update interrupted actions: %1</source>
        <translation>Unterbrochene Aktionen können nicht aktualisiert werden: %1</translation>
    </message>
    <message>
        <source>Cannot read the activity log: %1</source>
        <translation>Das Aktivitätsprotokoll kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Cannot record the actions: %1</source>
        <translation>Die Aktionen können nicht protokolliert werden: %1</translation>
    </message>
</context>
<context>
    <name>AdminChangeNote</name>
    <message>
        <source>Sending the change…</source>
        <translation>Die Änderung wird gesendet…</translation>
    </message>
</context>
<context>
    <name>AdminListState</name>
    <message>
        <source>You are not an administrator of this server, so it does not show you this list. Ask a Jira administrator if you need it.</source>
        <translation>Sie sind kein Administrator dieses Servers, daher zeigt er Ihnen diese Liste nicht an. Wenden Sie sich an einen Jira-Administrator, wenn Sie sie benötigen.</translation>
    </message>
    <message>
        <source>The server wants your password again before it shows administration data (a secure administrator session). Connect again with your password, then press Refresh.</source>
        <translation>Der Server verlangt erneut Ihr Passwort, bevor er Verwaltungsdaten anzeigt (sichere Administratorsitzung). Verbinden Sie sich erneut mit Ihrem Passwort und klicken Sie dann auf „Aktualisieren“.</translation>
    </message>
    <message>
        <source>The server could not be reached; you may be offline. Press Refresh when the connection is back.</source>
        <translation>Der Server war nicht erreichbar; möglicherweise sind Sie offline. Klicken Sie auf „Aktualisieren“, sobald die Verbindung wieder besteht.</translation>
    </message>
    <message>
        <source>The server is limiting requests right now. Press Refresh in 1 second.</source>
        <translation>Der Server begrenzt gerade die Anfragen. Klicken Sie in 1 Sekunde auf „Aktualisieren“.</translation>
    </message>
    <message>
        <source>The server is limiting requests right now. Press Refresh in %1 seconds.</source>
        <translation>Der Server begrenzt gerade die Anfragen. Klicken Sie in %1 Sekunden auf „Aktualisieren“.</translation>
    </message>
    <message>
        <source>The server is limiting requests right now. Press Refresh in a moment.</source>
        <translation>Der Server begrenzt gerade die Anfragen. Klicken Sie gleich auf „Aktualisieren“.</translation>
    </message>
    <message>
        <source>This server has no OAuth 2.0 clients to manage (Jira 8.22 or later has them).</source>
        <translation>Dieser Server hat keine OAuth 2.0-Clients zu verwalten (ab Jira 8.22 verfügbar).</translation>
    </message>
    <message>
        <source>This server has no personal access tokens (Jira 8.14 or later has them).</source>
        <translation>Dieser Server hat keine persönlichen Zugriffstoken (ab Jira 8.14 verfügbar).</translation>
    </message>
    <message>
        <source>The list shown is from %1.</source>
        <translation>Stand der angezeigten Liste: %1.</translation>
    </message>
</context>
<context>
    <name>AdminOutcome</name>
    <message>
        <source>Check the server address and the network, then try again.</source>
        <translation>Prüfen Sie die Serveradresse und das Netzwerk und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>Check the server&apos;s certificate; trust it for this server only if you know it is the right one.</source>
        <translation>Prüfen Sie das Zertifikat des Servers; vertrauen Sie ihm nur für diesen Server und nur, wenn Sie wissen, dass es das richtige ist.</translation>
    </message>
    <message>
        <source>Sign in again as a Jira administrator.</source>
        <translation>Melden Sie sich erneut als Jira-Administrator an.</translation>
    </message>
    <message>
        <source>Confirm your password when asked, then try again.</source>
        <translation>Bestätigen Sie Ihr Passwort, wenn Sie dazu aufgefordert werden, und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>Ask a Jira system administrator to do this, or to give you the rights.</source>
        <translation>Bitten Sie einen Jira-Systemadministrator, dies zu erledigen oder Ihnen die Berechtigung zu erteilen.</translation>
    </message>
    <message>
        <source>Wait a moment, then try again.</source>
        <translation>Warten Sie einen Moment und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>Try again later. If it keeps failing, Jira&apos;s log says why.</source>
        <translation>Versuchen Sie es später erneut. Wenn es weiterhin fehlschlägt, steht der Grund im Jira-Protokoll.</translation>
    </message>
    <message>
        <source>Check that the server address is Jira&apos;s base URL, with no proxy or login page in between.</source>
        <translation>Prüfen Sie, ob die Serveradresse die Basis-URL von Jira ist, ohne Proxy oder Anmeldeseite dazwischen.</translation>
    </message>
    <message>
        <source>Correct the fields named and send it again.</source>
        <translation>Korrigieren Sie die genannten Felder und senden Sie erneut.</translation>
    </message>
    <message>
        <source>Nothing was sent: the activity log could not record the change (%1).</source>
        <translation>Nichts wurde gesendet: Das Aktivitätsprotokoll konnte die Änderung nicht aufzeichnen (%1).</translation>
    </message>
    <message>
        <source>Check that the disk is not full and the activity log is writable, then try again.</source>
        <translation>Stellen Sie sicher, dass die Festplatte nicht voll und das Aktivitätsprotokoll beschreibbar ist, und versuchen Sie es dann erneut.</translation>
    </message>
</context>
<context>
    <name>AdminRows</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Primary</source>
        <translation>Primär</translation>
    </message>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Incoming OAuth</source>
        <translation>Eingehendes OAuth</translation>
    </message>
    <message>
        <source>Outgoing OAuth</source>
        <translation>Ausgehendes OAuth</translation>
    </message>
    <message>
        <source>Display URL</source>
        <translation>Anzeige-URL</translation>
    </message>
    <message>
        <source>Application URL</source>
        <translation>Anwendungs-URL</translation>
    </message>
    <message>
        <source>Application link</source>
        <translation>Anwendungslink</translation>
    </message>
    <message>
        <source>Consumer key</source>
        <translation>Consumer-Key</translation>
    </message>
    <message>
        <source>Callback</source>
        <translation>Callback</translation>
    </message>
    <message>
        <source>Public key (SHA-256)</source>
        <translation>Öffentlicher Schlüssel (SHA-256)</translation>
    </message>
    <message>
        <source>2-legged OAuth</source>
        <translation>2-Legged-OAuth</translation>
    </message>
    <message>
        <source>Client ID</source>
        <translation>Client-ID</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Bereich</translation>
    </message>
    <message>
        <source>Redirect URIs</source>
        <translation>Weiterleitungs-URIs</translation>
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
        <translation>Referenzanwendung</translation>
    </message>
    <message>
        <source>Generic application</source>
        <translation>Generische Anwendung</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>Funktioniert</translation>
    </message>
    <message>
        <source>Not checked (not Atlassian)</source>
        <translation>Nicht geprüft (nicht von Atlassian)</translation>
    </message>
    <message>
        <source>System link</source>
        <translation>Systemlink</translation>
    </message>
    <message>
        <source>OAuth turned off</source>
        <translation>OAuth deaktiviert</translation>
    </message>
    <message>
        <source>Outdated set-up (%1)</source>
        <translation>Veraltete Einrichtung (%1)</translation>
    </message>
    <message>
        <source>Cannot reach it (%1)</source>
        <translation>Nicht erreichbar (%1)</translation>
    </message>
    <message>
        <source>Access refused (%1)</source>
        <translation>Zugriff verweigert (%1)</translation>
    </message>
    <message>
        <source>Not working (%1)</source>
        <translation>Funktioniert nicht (%1)</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <source>OAuth with impersonation</source>
        <translation>OAuth mit Identitätswechsel</translation>
    </message>
    <message>
        <source>OAuth</source>
        <translation>OAuth</translation>
    </message>
    <message>
        <source>OAuth (3-legged only)</source>
        <translation>OAuth (nur 3-Legged)</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation>Nicht geprüft</translation>
    </message>
    <message>
        <source>Could not check</source>
        <translation>Prüfung nicht möglich</translation>
    </message>
    <message>
        <source>Health: being checked now…</source>
        <translation>Zustand: wird gerade geprüft…</translation>
    </message>
    <message>
        <source>Health: not checked yet. Press Check to ask Jira.</source>
        <translation>Zustand: noch nicht geprüft. Klicken Sie auf „Prüfen“, um Jira zu fragen.</translation>
    </message>
    <message>
        <source>Health: %1</source>
        <translation>Zustand: %1</translation>
    </message>
    <message>
        <source>What to do: %1</source>
        <translation>Was zu tun ist: %1</translation>
    </message>
    <message>
        <source>Jira reports: %1</source>
        <translation>Jira meldet: %1</translation>
    </message>
    <message>
        <source>Jira reports: %1 (%2)</source>
        <translation>Jira meldet: %1 (%2)</translation>
    </message>
    <message>
        <source>Checked at %1.</source>
        <translation>Geprüft: %1.</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Type: %1</source>
        <translation>Typ: %1</translation>
    </message>
    <message>
        <source>Display URL: %1</source>
        <translation>Anzeige-URL: %1</translation>
    </message>
    <message>
        <source>Application URL: %1</source>
        <translation>Anwendungs-URL: %1</translation>
    </message>
    <message>
        <source>Primary link to %1: %2</source>
        <translation>Primärer Link zu %1: %2</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>System link: the application manages it, so it cannot be edited, moved or deleted here.</source>
        <translation>Systemlink: Die Anwendung verwaltet ihn selbst, daher kann er hier weder bearbeitet, verschoben noch gelöscht werden.</translation>
    </message>
    <message>
        <source>Incoming OAuth: %1</source>
        <translation>Eingehendes OAuth: %1</translation>
    </message>
    <message>
        <source>Outgoing OAuth: %1</source>
        <translation>Ausgehendes OAuth: %1</translation>
    </message>
    <message>
        <source>OAuth: could not be read (%1)</source>
        <translation>OAuth: konnte nicht gelesen werden (%1)</translation>
    </message>
    <message>
        <source>Link ID: %1</source>
        <translation>Link-ID: %1</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>nicht lesbar</translation>
    </message>
    <message>
        <source>yes, with impersonation</source>
        <translation>ja, mit Identitätswechsel</translation>
    </message>
    <message>
        <source>yes, as %1</source>
        <translation>ja, als %1</translation>
    </message>
    <message>
        <source>Consumer key: %1</source>
        <translation>Consumer-Key: %1</translation>
    </message>
    <message>
        <source>Description: %1</source>
        <translation>Beschreibung: %1</translation>
    </message>
    <message>
        <source>Application link: %1</source>
        <translation>Anwendungslink: %1</translation>
    </message>
    <message>
        <source>Callback: %1</source>
        <translation>Callback: %1</translation>
    </message>
    <message>
        <source>none (users copy a verification code)</source>
        <translation>keiner (Benutzer kopieren einen Bestätigungscode)</translation>
    </message>
    <message>
        <source>Public key: RSA, %1 bits</source>
        <translation>Öffentlicher Schlüssel: RSA, %1 Bit</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint: %1</source>
        <translation>SHA-256-Fingerabdruck: %1</translation>
    </message>
    <message>
        <source>Public key: none</source>
        <translation>Öffentlicher Schlüssel: keiner</translation>
    </message>
    <message>
        <source>Public key: one AccessDesk cannot read (starts %1…)</source>
        <translation>Öffentlicher Schlüssel: einer, den AccessDesk nicht lesen kann (beginnt mit %1…)</translation>
    </message>
    <message>
        <source>Signature method: %1</source>
        <translation>Signaturmethode: %1</translation>
    </message>
    <message>
        <source>2-legged OAuth: %1</source>
        <translation>2-Legged-OAuth: %1</translation>
    </message>
    <message>
        <source>If you remove it, every token users gave it stops working at once.</source>
        <translation>Wenn Sie ihn entfernen, funktionieren alle Token, die Benutzer ihm erteilt haben, sofort nicht mehr.</translation>
    </message>
    <message>
        <source>Client ID: %1</source>
        <translation>Client-ID: %1</translation>
    </message>
    <message>
        <source>Scope: %1</source>
        <translation>Bereich: %1</translation>
    </message>
    <message>
        <source>Redirect URIs:</source>
        <translation>Weiterleitungs-URIs:</translation>
    </message>
    <message>
        <source>Created by user key: %1</source>
        <translation>Erstellt von Benutzerschlüssel: %1</translation>
    </message>
    <message>
        <source>The client secret is not shown here.</source>
        <translation>Das Client-Geheimnis wird hier nicht angezeigt.</translation>
    </message>
</context>
<context>
    <name>AdminTokenErrors</name>
    <message>
        <source>Only Jira system administrators can search and revoke other users&apos; personal access tokens, and only on Jira Data Center.</source>
        <translation>Nur Jira-Systemadministratoren können persönliche Zugriffstoken anderer Benutzer suchen und widerrufen, und nur in Jira Data Center.</translation>
    </message>
    <message>
        <source>The server said: %1</source>
        <translation>Der Server meldete: %1</translation>
    </message>
    <message>
        <source>This server has no personal access token administration (Jira Data Center 8.14 or later has it).</source>
        <translation>Dieser Server hat keine Verwaltung persönlicher Zugriffstoken (ab Jira Data Center 8.14 verfügbar).</translation>
    </message>
</context>
<context>
    <name>AdminTokenQuery</name>
    <message>
        <source>The first day is after the last day: swap them or clear one.</source>
        <translation>Der erste Tag liegt nach dem letzten Tag: Tauschen Sie sie oder leeren Sie einen.</translation>
    </message>
    <message>
        <source>A token that was never used has no last-used day: clear “Never used” or the last-used days.</source>
        <translation>Ein nie verwendetes Token hat keinen Tag der letzten Verwendung: Deaktivieren Sie „Nie verwendet“ oder leeren Sie die Tage der letzten Verwendung.</translation>
    </message>
</context>
<context>
    <name>ApiError</name>
    <message>
        <source>The server could not be reached.</source>
        <translation>Der Server war nicht erreichbar.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted, so the connection was refused.</source>
        <translation>Dem Zertifikat des Servers wird nicht vertraut, daher wurde die Verbindung abgelehnt.</translation>
    </message>
    <message>
        <source>The server did not answer in time.</source>
        <translation>Der Server hat nicht rechtzeitig geantwortet.</translation>
    </message>
    <message>
        <source>The server did not accept the credentials. Check the user name and password or token.</source>
        <translation>Der Server hat die Anmeldedaten nicht akzeptiert. Prüfen Sie Benutzernamen und Passwort bzw. Token.</translation>
    </message>
    <message>
        <source>The server refused the OAuth request (%1).</source>
        <translation>Der Server hat die OAuth-Anfrage abgelehnt (%1).</translation>
    </message>
    <message>
        <source>This administration task needs your password again (a secure administrator session).</source>
        <translation>Diese Verwaltungsaufgabe erfordert erneut Ihr Passwort (sichere Administratorsitzung).</translation>
    </message>
    <message>
        <source>You are signed in, but not allowed to do this.</source>
        <translation>Sie sind angemeldet, dürfen dies aber nicht tun.</translation>
    </message>
    <message>
        <source>The server does not have this item (it may have been removed already).</source>
        <translation>Der Server hat dieses Element nicht (möglicherweise wurde es bereits entfernt).</translation>
    </message>
    <message>
        <source>The server refused the change because it conflicts with what it already has.</source>
        <translation>Der Server hat die Änderung abgelehnt, da sie mit vorhandenen Daten in Konflikt steht.</translation>
    </message>
    <message>
        <source>The server refused the input.</source>
        <translation>Der Server hat die Eingabe abgelehnt.</translation>
    </message>
    <message numerus="yes">
        <source>The server is limiting requests; try again in %n second(s).</source>
        <translation>
            <numerusform>Der Server begrenzt die Anfragen; versuchen Sie es in %n Sekunde erneut.</numerusform>
            <numerusform>Der Server begrenzt die Anfragen; versuchen Sie es in %n Sekunden erneut.</numerusform>
        </translation>
    </message>
    <message>
        <source>The server is limiting requests; try again shortly.</source>
        <translation>Der Server begrenzt die Anfragen; versuchen Sie es in Kürze erneut.</translation>
    </message>
    <message>
        <source>The server had an internal error (HTTP %1).</source>
        <translation>Auf dem Server ist ein interner Fehler aufgetreten (HTTP %1).</translation>
    </message>
    <message>
        <source>The server&apos;s answer could not be read.</source>
        <translation>Die Antwort des Servers konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>Details: %1</source>
        <translation>Details: %1</translation>
    </message>
    <message>
        <source>The server said: “%1”</source>
        <translation>Der Server meldete: „%1“</translation>
    </message>
</context>
<context>
    <name>AppLinkDiagnosis</name>
    <message>
        <source>Working: Jira reaches the application and both ends accept each other.</source>
        <translation>Funktioniert: Jira erreicht die Anwendung und beide Seiten akzeptieren einander.</translation>
    </message>
    <message>
        <source>the remote application</source>
        <translation>die entfernte Anwendung</translation>
    </message>
    <message>
        <source>If the application moved, relocate the link to its new address.</source>
        <translation>Wenn die Anwendung umgezogen ist, verlegen Sie den Link auf ihre neue Adresse.</translation>
    </message>
    <message>
        <source>Nothing accepts connections at %1: the application is down, or the link&apos;s address or port is wrong.</source>
        <translation>Unter %1 werden keine Verbindungen angenommen: Die Anwendung ist nicht in Betrieb, oder Adresse bzw. Port des Links sind falsch.</translation>
    </message>
    <message>
        <source>Check that the application is running and reachable from the Jira server. %1</source>
        <translation>Prüfen Sie, ob die Anwendung läuft und vom Jira-Server aus erreichbar ist. %1</translation>
    </message>
    <message>
        <source>The Jira server cannot find the host %1 (unknown host name).</source>
        <translation>Der Jira-Server kann den Host %1 nicht finden (unbekannter Hostname).</translation>
    </message>
    <message>
        <source>Check the spelling of the link&apos;s address and the Jira server&apos;s DNS. %1</source>
        <translation>Prüfen Sie die Schreibweise der Link-Adresse und das DNS des Jira-Servers. %1</translation>
    </message>
    <message>
        <source>Jira does not trust the certificate of %1.</source>
        <translation>Jira vertraut dem Zertifikat von %1 nicht.</translation>
    </message>
    <message>
        <source>Import the application&apos;s certificate, or the authority that issued it, into the Java trust store Jira uses, then restart Jira.</source>
        <translation>Importieren Sie das Zertifikat der Anwendung oder der ausstellenden Stelle in den Java-Truststore, den Jira verwendet, und starten Sie Jira dann neu.</translation>
    </message>
    <message>
        <source>The certificate of %1 is made out to another host name.</source>
        <translation>Das Zertifikat von %1 ist auf einen anderen Hostnamen ausgestellt.</translation>
    </message>
    <message>
        <source>Use the host name the certificate names in the link&apos;s address, or give the application a certificate for this name.</source>
        <translation>Verwenden Sie in der Link-Adresse den Hostnamen aus dem Zertifikat, oder geben Sie der Anwendung ein Zertifikat für diesen Namen.</translation>
    </message>
    <message>
        <source>Jira and %1 could not agree on a secure connection (TLS handshake failed).</source>
        <translation>Jira und %1 konnten sich nicht auf eine sichere Verbindung einigen (TLS-Handshake fehlgeschlagen).</translation>
    </message>
    <message>
        <source>Check the TLS versions and ciphers both servers allow, and any proxy between them.</source>
        <translation>Prüfen Sie die TLS-Versionen und Cipher, die beide Server zulassen, sowie jeden Proxy dazwischen.</translation>
    </message>
    <message>
        <source>%1 answers, but not as the application would: a proxy, login or maintenance page may be in the way.</source>
        <translation>%1 antwortet, aber nicht so wie die Anwendung: Möglicherweise ist eine Proxy-, Anmelde- oder Wartungsseite im Weg.</translation>
    </message>
    <message>
        <source>Open the link&apos;s address from the Jira server (for example with curl) and see what answers. %1</source>
        <translation>Öffnen Sie die Link-Adresse vom Jira-Server aus (zum Beispiel mit curl) und sehen Sie nach, was antwortet. %1</translation>
    </message>
    <message>
        <source>%1 refuses Jira&apos;s signed requests because the two servers&apos; clocks differ.</source>
        <translation>%1 lehnt die signierten Anfragen von Jira ab, weil die Uhren der beiden Server voneinander abweichen.</translation>
    </message>
    <message>
        <source>Synchronise both servers&apos; clocks (NTP); OAuth allows only a few minutes of difference.</source>
        <translation>Synchronisieren Sie die Uhren beider Server (NTP); OAuth erlaubt nur wenige Minuten Abweichung.</translation>
    </message>
    <message>
        <source>%1 cannot verify Jira&apos;s OAuth signature.</source>
        <translation>%1 kann die OAuth-Signatur von Jira nicht überprüfen.</translation>
    </message>
    <message>
        <source>Most often one application&apos;s base URL differs from the address the other uses (a proxy, a changed URL): make both base URLs match the addresses in the links. If a key pair was replaced, set up OAuth on the link again.</source>
        <translation>Meistens weicht die Basis-URL einer Anwendung von der Adresse ab, die die andere verwendet (ein Proxy, eine geänderte URL): Gleichen Sie beide Basis-URLs an die Adressen in den Links an. Wurde ein Schlüsselpaar ersetzt, richten Sie OAuth auf dem Link erneut ein.</translation>
    </message>
    <message>
        <source>%1 does not know Jira as an OAuth consumer: its end of the link has no incoming authentication for this Jira.</source>
        <translation>%1 kennt Jira nicht als OAuth-Consumer: Seine Seite des Links hat keine eingehende Authentifizierung für dieses Jira.</translation>
    </message>
    <message>
        <source>On the remote application, set up incoming OAuth on its link to Jira, or recreate the link as a two-way link.</source>
        <translation>Richten Sie auf der entfernten Anwendung eingehendes OAuth auf ihrem Link zu Jira ein, oder erstellen Sie den Link als wechselseitigen Link neu.</translation>
    </message>
    <message>
        <source>%1 refuses Jira&apos;s OAuth requests.</source>
        <translation>%1 lehnt die OAuth-Anfragen von Jira ab.</translation>
    </message>
    <message>
        <source>%1 refuses Jira&apos;s OAuth requests (%2).</source>
        <translation>%1 lehnt die OAuth-Anfragen von Jira ab (%2).</translation>
    </message>
    <message>
        <source>Compare the OAuth settings of both ends of the link; set up OAuth on both ends again if they differ.</source>
        <translation>Vergleichen Sie die OAuth-Einstellungen beider Seiten des Links; richten Sie OAuth auf beiden Seiten neu ein, wenn sie abweichen.</translation>
    </message>
    <message>
        <source>The remote end can be checked only after you allow %1 to act as you in Jira.</source>
        <translation>Die entfernte Seite kann erst geprüft werden, nachdem Sie %1 erlaubt haben, in Jira in Ihrem Namen zu handeln.</translation>
    </message>
    <message>
        <source>Authorise the application in Jira, then check again.</source>
        <translation>Autorisieren Sie die Anwendung in Jira und prüfen Sie dann erneut.</translation>
    </message>
    <message>
        <source>Open %1, allow access, then check again.</source>
        <translation>Öffnen Sie %1, erlauben Sie den Zugriff und prüfen Sie dann erneut.</translation>
    </message>
    <message>
        <source>You have not allowed Jira to act as you on %1, so the remote end cannot be checked.</source>
        <translation>Sie haben Jira nicht erlaubt, auf %1 in Ihrem Namen zu handeln, daher kann die entfernte Seite nicht geprüft werden.</translation>
    </message>
    <message>
        <source>Authorise Jira on the remote application, then check again.</source>
        <translation>Autorisieren Sie Jira auf der entfernten Anwendung und prüfen Sie dann erneut.</translation>
    </message>
    <message>
        <source>Your account on %1 is not an administrator there, so the remote end cannot be checked.</source>
        <translation>Ihr Konto auf %1 ist dort kein Administrator, daher kann die entfernte Seite nicht geprüft werden.</translation>
    </message>
    <message>
        <source>Check again as a user who administers both applications.</source>
        <translation>Prüfen Sie erneut als Benutzer, der beide Anwendungen verwaltet.</translation>
    </message>
    <message>
        <source>%1 has no link back to this Jira.</source>
        <translation>%1 hat keinen Rück-Link zu diesem Jira.</translation>
    </message>
    <message>
        <source>Create the link on the remote application (or recreate this one as a two-way link). If it has one, its address for Jira must be Jira&apos;s base URL.</source>
        <translation>Erstellen Sie den Link auf der entfernten Anwendung (oder erstellen Sie diesen als wechselseitigen Link neu). Falls dort einer existiert, muss seine Adresse für Jira die Basis-URL von Jira sein.</translation>
    </message>
    <message>
        <source>The two ends disagree on OAuth: what one end sends, the other does not accept (for example impersonation on one side only).</source>
        <translation>Die beiden Seiten sind sich bei OAuth nicht einig: Was die eine sendet, akzeptiert die andere nicht (zum Beispiel Identitätswechsel nur auf einer Seite).</translation>
    </message>
    <message>
        <source>Make this end&apos;s outgoing OAuth match the remote&apos;s incoming OAuth, and the other way round.</source>
        <translation>Gleichen Sie das ausgehende OAuth dieser Seite an das eingehende OAuth der entfernten Seite an, und umgekehrt.</translation>
    </message>
    <message>
        <source>The link uses an authentication level %1 does not support.</source>
        <translation>Der Link verwendet eine Authentifizierungsstufe, die %1 nicht unterstützt.</translation>
    </message>
    <message>
        <source>Use OAuth without impersonation on both ends, or upgrade the remote application.</source>
        <translation>Verwenden Sie auf beiden Seiten OAuth ohne Identitätswechsel, oder aktualisieren Sie die entfernte Anwendung.</translation>
    </message>
    <message>
        <source>Jira has no outgoing authentication for this link, so it cannot call %1 as its users.</source>
        <translation>Jira hat für diesen Link keine ausgehende Authentifizierung und kann %1 daher nicht im Namen seiner Benutzer aufrufen.</translation>
    </message>
    <message>
        <source>Turn on outgoing OAuth for the link.</source>
        <translation>Aktivieren Sie ausgehendes OAuth für den Link.</translation>
    </message>
    <message>
        <source>%1 is too old for Jira to check the link.</source>
        <translation>%1 ist zu alt, als dass Jira den Link prüfen könnte.</translation>
    </message>
    <message>
        <source>Check the link from the remote application&apos;s administration, or upgrade it.</source>
        <translation>Prüfen Sie den Link in der Verwaltung der entfernten Anwendung, oder aktualisieren Sie diese.</translation>
    </message>
    <message>
        <source>The link still uses Trusted Applications or Basic authentication, which Atlassian has retired.</source>
        <translation>Der Link verwendet noch Trusted Applications oder Basic-Authentifizierung, die Atlassian eingestellt hat.</translation>
    </message>
    <message>
        <source>Switch the link to OAuth on both ends by hand (the remote cannot do it automatically), then remove the old authentication.</source>
        <translation>Stellen Sie den Link auf beiden Seiten von Hand auf OAuth um (die entfernte Seite kann das nicht automatisch), und entfernen Sie dann die alte Authentifizierung.</translation>
    </message>
    <message>
        <source>Update the link to OAuth in Jira&apos;s link settings; Jira can do it for both ends.</source>
        <translation>Aktualisieren Sie den Link in den Link-Einstellungen von Jira auf OAuth; Jira kann das für beide Seiten erledigen.</translation>
    </message>
    <message>
        <source>OAuth is turned off on this link, so users cannot use it.</source>
        <translation>OAuth ist auf diesem Link deaktiviert, daher können Benutzer ihn nicht verwenden.</translation>
    </message>
    <message>
        <source>Turn on incoming and outgoing OAuth on both ends of the link.</source>
        <translation>Aktivieren Sie eingehendes und ausgehendes OAuth auf beiden Seiten des Links.</translation>
    </message>
    <message>
        <source>A link to a non-Atlassian application: Jira cannot check it.</source>
        <translation>Ein Link zu einer Anwendung, die nicht von Atlassian ist: Jira kann ihn nicht prüfen.</translation>
    </message>
    <message>
        <source>Nothing to do here; test the integration from the other application.</source>
        <translation>Hier ist nichts zu tun; testen Sie die Integration von der anderen Anwendung aus.</translation>
    </message>
    <message>
        <source>A system link, managed by the application itself: it is not checked.</source>
        <translation>Ein Systemlink, der von der Anwendung selbst verwaltet wird: Er wird nicht geprüft.</translation>
    </message>
    <message>
        <source>Jira says the link does not work, but not why.</source>
        <translation>Jira meldet, dass der Link nicht funktioniert, aber nicht, warum.</translation>
    </message>
    <message>
        <source>Jira says the link does not work (%1).</source>
        <translation>Jira meldet, dass der Link nicht funktioniert (%1).</translation>
    </message>
    <message>
        <source>Open the link&apos;s status in Jira&apos;s administration, and look in both applications&apos; logs.</source>
        <translation>Öffnen Sie den Status des Links in der Jira-Verwaltung und sehen Sie in den Protokollen beider Anwendungen nach.</translation>
    </message>
    <message>
        <source>Only Jira administrators may check application links.</source>
        <translation>Nur Jira-Administratoren dürfen Anwendungslinks prüfen.</translation>
    </message>
    <message>
        <source>Sign in as a Jira administrator.</source>
        <translation>Melden Sie sich als Jira-Administrator an.</translation>
    </message>
    <message>
        <source>Sign in again, then check again.</source>
        <translation>Melden Sie sich erneut an und prüfen Sie dann erneut.</translation>
    </message>
    <message>
        <source>The link no longer exists on this server.</source>
        <translation>Der Link existiert auf diesem Server nicht mehr.</translation>
    </message>
    <message>
        <source>Refresh the list of links.</source>
        <translation>Aktualisieren Sie die Liste der Links.</translation>
    </message>
    <message>
        <source>Jira did not finish the check in time. It calls the remote application to check a link, so that application (or the network to it) is slow or not answering.</source>
        <translation>Jira hat die Prüfung nicht rechtzeitig abgeschlossen. Zur Prüfung eines Links ruft Jira die entfernte Anwendung auf, daher ist diese Anwendung (oder das Netzwerk zu ihr) langsam oder antwortet nicht.</translation>
    </message>
    <message>
        <source>Check again; if it keeps timing out, check the remote application and the network between the two servers.</source>
        <translation>Prüfen Sie erneut; tritt weiterhin eine Zeitüberschreitung auf, prüfen Sie die entfernte Anwendung und das Netzwerk zwischen den beiden Servern.</translation>
    </message>
    <message>
        <source>Check the connection to Jira, then check again.</source>
        <translation>Prüfen Sie die Verbindung zu Jira und prüfen Sie dann erneut.</translation>
    </message>
    <message>
        <source>The link&apos;s status could not be read. %1</source>
        <translation>Der Status des Links konnte nicht gelesen werden. %1</translation>
    </message>
    <message>
        <source>Check again later; if it keeps failing, look in Jira&apos;s log.</source>
        <translation>Prüfen Sie später erneut; wenn es weiterhin fehlschlägt, sehen Sie im Jira-Protokoll nach.</translation>
    </message>
</context>
<context>
    <name>AppLinkOutcome</name>
    <message>
        <source>Sign in again, then retry.</source>
        <translation>Melden Sie sich erneut an und versuchen Sie es dann noch einmal.</translation>
    </message>
    <message>
        <source>Sign in with your password (not a token) and retry; AccessDesk then confirms the administrator session for you.</source>
        <translation>Melden Sie sich mit Ihrem Passwort (nicht mit einem Token) an und versuchen Sie es noch einmal; AccessDesk bestätigt dann die Administratorsitzung für Sie.</translation>
    </message>
    <message>
        <source>Sign in as a Jira administrator (some changes need a system administrator).</source>
        <translation>Melden Sie sich als Jira-Administrator an (manche Änderungen erfordern einen Systemadministrator).</translation>
    </message>
    <message>
        <source>The application link does not exist on this server (any more).</source>
        <translation>Der Anwendungslink existiert auf diesem Server nicht (mehr).</translation>
    </message>
    <message>
        <source>Refresh the list of links: someone may have removed it.</source>
        <translation>Aktualisieren Sie die Liste der Links: Möglicherweise hat jemand ihn entfernt.</translation>
    </message>
    <message>
        <source>Check the connection to Jira, then retry.</source>
        <translation>Prüfen Sie die Verbindung zu Jira und versuchen Sie es dann noch einmal.</translation>
    </message>
    <message>
        <source>The server refused the value: %1</source>
        <translation>Der Server hat den Wert abgelehnt: %1</translation>
    </message>
    <message>
        <source>Correct the value and try again; nothing else was lost.</source>
        <translation>Korrigieren Sie den Wert und versuchen Sie es erneut; sonst ging nichts verloren.</translation>
    </message>
    <message>
        <source>Try again later; if it keeps failing, check Jira&apos;s log.</source>
        <translation>Versuchen Sie es später erneut; wenn es weiterhin fehlschlägt, sehen Sie im Jira-Protokoll nach.</translation>
    </message>
</context>
<context>
    <name>CliAdminOptionSet</name>
    <message>
        <source>--%1 takes a whole number of days from 1 to %2</source>
        <translation>--%1 erwartet eine ganze Anzahl Tage von 1 bis %2</translation>
    </message>
    <message>
        <source>links, consumers, oauth2-clients: the name; admin-pats: part of the token&apos;s name.</source>
        <translation>links, consumers, oauth2-clients: der Name; admin-pats: Teil des Token-Namens.</translation>
    </message>
    <message>
        <source>links create: the application type (generic, jira, confluence, bamboo, stash, fecru, crowd).</source>
        <translation>links create: der Anwendungstyp (generic, jira, confluence, bamboo, stash, fecru, crowd).</translation>
    </message>
    <message>
        <source>links create: make it the primary link of its type.</source>
        <translation>links create: zum primären Link seines Typs machen.</translation>
    </message>
    <message>
        <source>links create: also create the remote end and trust each other.</source>
        <translation>links create: auch die entfernte Seite erstellen; beide Seiten vertrauen einander.</translation>
    </message>
    <message>
        <source>links create --two-way: the remote&apos;s administrator.</source>
        <translation>links create --two-way: der Administrator der entfernten Anwendung.</translation>
    </message>
    <message>
        <source>links create --two-way: environment variable holding the remote administrator&apos;s password (used once, never stored).</source>
        <translation>links create --two-way: Umgebungsvariable, die das Passwort des entfernten Administrators enthält (einmalig verwendet, nie gespeichert).</translation>
    </message>
    <message>
        <source>links update: the address shown to users.</source>
        <translation>links update: die Adresse, die Benutzern angezeigt wird.</translation>
    </message>
    <message>
        <source>links update: the address Jira calls the application on.</source>
        <translation>links update: die Adresse, unter der Jira die Anwendung aufruft.</translation>
    </message>
    <message>
        <source>links delete: also delete the link on the remote application.</source>
        <translation>links delete: den Link auch auf der entfernten Anwendung löschen.</translation>
    </message>
    <message>
        <source>consumers approve: the consumer key.</source>
        <translation>consumers approve: der Consumer-Key.</translation>
    </message>
    <message>
        <source>consumers approve: file with the consumer&apos;s RSA public key (PEM or base64).</source>
        <translation>consumers approve: Datei mit dem öffentlichen RSA-Schlüssel des Consumers (PEM oder Base64).</translation>
    </message>
    <message>
        <source>consumers approve: shown to users who grant access.</source>
        <translation>consumers approve: wird Benutzern angezeigt, die Zugriff gewähren.</translation>
    </message>
    <message>
        <source>consumers approve: the consumer&apos;s callback address.</source>
        <translation>consumers approve: die Callback-Adresse des Consumers.</translation>
    </message>
    <message>
        <source>consumers approve: allow 2-legged OAuth.</source>
        <translation>consumers approve: 2-Legged-OAuth erlauben.</translation>
    </message>
    <message>
        <source>consumers approve --two-legged: run 2-legged requests as this user.</source>
        <translation>consumers approve --two-legged: 2-Legged-Anfragen als dieser Benutzer ausführen.</translation>
    </message>
    <message>
        <source>consumers approve --two-legged: allow impersonation (system administrators only).</source>
        <translation>consumers approve --two-legged: Identitätswechsel erlauben (nur Systemadministratoren).</translation>
    </message>
    <message>
        <source>consumers keygen: the file for the private key (created 0600).</source>
        <translation>consumers keygen: die Datei für den privaten Schlüssel (wird mit 0600 erstellt).</translation>
    </message>
    <message>
        <source>consumers keygen: 2048 (default), 3072 or 4096.</source>
        <translation>consumers keygen: 2048 (Standard), 3072 oder 4096.</translation>
    </message>
    <message>
        <source>consumers keygen: replace an existing --out file.</source>
        <translation>consumers keygen: eine vorhandene --out-Datei ersetzen.</translation>
    </message>
    <message>
        <source>oauth2-clients: a redirect address (repeat for several).</source>
        <translation>oauth2-clients: eine Weiterleitungsadresse (für mehrere wiederholen).</translation>
    </message>
    <message>
        <source>admin-pats: tokens of this user (user name, display name or e-mail, or part of one; an exact user name or e-mail wins).</source>
        <translation>admin-pats: Token dieses Benutzers (Benutzername, Anzeigename oder E-Mail-Adresse oder ein Teil davon; ein exakter Benutzername oder eine exakte E-Mail-Adresse hat Vorrang).</translation>
    </message>
    <message>
        <source>admin-pats: tokens never used.</source>
        <translation>admin-pats: nie verwendete Token.</translation>
    </message>
    <message>
        <source>admin-pats: tokens that have expired.</source>
        <translation>admin-pats: abgelaufene Token.</translation>
    </message>
    <message>
        <source>admin-pats: tokens not used in the last N days (never-used ones older than N days too).</source>
        <translation>admin-pats: Token, die in den letzten N Tagen nicht verwendet wurden (auch nie verwendete, die älter als N Tage sind).</translation>
    </message>
    <message>
        <source>admin-pats: tokens that expire within N days.</source>
        <translation>admin-pats: Token, die innerhalb von N Tagen ablaufen.</translation>
    </message>
    <message>
        <source>admin-pats sweep: show what would be revoked, change nothing.</source>
        <translation>admin-pats sweep: anzeigen, was widerrufen werden würde, nichts ändern.</translation>
    </message>
    <message>
        <source>admin-pats sweep: write a CSV receipt of the outcome here.</source>
        <translation>admin-pats sweep: eine CSV-Quittung des Ergebnisses in diese Datei schreiben.</translation>
    </message>
    <message>
        <source>--bits takes 2048, 3072 or 4096</source>
        <translation>--bits erwartet 2048, 3072 oder 4096</translation>
    </message>
    <message>
        <source>--two-way needs --remote-user and --remote-password-env</source>
        <translation>--two-way erfordert --remote-user und --remote-password-env</translation>
    </message>
    <message>
        <source>--remote-user and --remote-password-env go with --two-way</source>
        <translation>--remote-user und --remote-password-env gehören zu --two-way</translation>
    </message>
    <message>
        <source>--execute-as and --impersonation go with --two-legged</source>
        <translation>--execute-as und --impersonation gehören zu --two-legged</translation>
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
        <translation>Befehle:
  probe                      Serverversion, wer Sie sind, Administratorrechte, Funktionen
  profiles add NAME          --server/--auth/--user (und das Geheimnis aus der Umgebung) als Profil speichern
  profiles list              gespeicherte Profile
  profiles remove NAME       ein Profil und seine Geheimnisse vergessen
  profiles test NAME         probe mit einem gespeicherten Profil
  tokens list                jede Zugriffsberechtigung, die in Ihrem Namen handeln kann (OAuth 1.0a, OAuth 2.0, PAT)
  tokens revoke ID...        Zugriffsberechtigungen anhand der IDs widerrufen, die &apos;tokens list&apos; anzeigt
  pat list                   Ihre persönlichen Zugriffstoken
  pat create NAME [--days N] eines erstellen (das Token wird einmal ausgegeben)
  pat revoke ID...           persönliche Zugriffstoken widerrufen
  oauth1 authorize           den OAuth-1.0a-Ablauf als Consumer durchführen (--consumer-key, --private-key)
  oauth2 login               über den Browser anmelden (--client-id, --client-secret-env)
  oauth2 refresh             die OAuth 2.0-Token eines Profils aktualisieren
  links list                 Anwendungslinks (Administratoren)
  links get ID               ein Link, mit seinem eingehenden und ausgehenden OAuth
  links status [ID]          jeden Link (oder einen) prüfen: was nicht stimmt, was zu tun ist
  links create URL           eine Anwendung verlinken [--name N] [--type T] [--primary]
                             [--two-way --remote-user U --remote-password-env VAR]
  links update ID            --name, --display-url oder --rpc-url ändern
  links relocate ID URL      einen Link auf die neue Adresse der Anwendung verlegen
  links primary ID           zum primären Link seines Typs machen
  links delete ID [--both]   hier (oder auf beiden Seiten) löschen; fragt vorher nach
  consumers show LINK_ID     der eingehende OAuth-Consumer eines Anwendungslinks
  consumers approve LINK_ID  ihn genehmigen: --key, --name, --public-key FILE [--description] [--callback] [--two-legged [--execute-as] [--impersonation]]
  consumers remove LINK_ID   ihn entfernen (die Token seiner Benutzer funktionieren nicht mehr)
  consumers fetch-info URL   die OAuth-Consumer-Informationen einer entfernten Anwendung lesen
  consumers keygen --out FILE  ein Schlüsselpaar erzeugen: den privaten Schlüssel nach FILE (0600), den öffentlichen ausgeben
  oauth2-clients list        OAuth 2.0-Clients (ohne Geheimnisse)
  oauth2-clients create NAME --redirect URL... --scope S  einen registrieren (das Geheimnis wird einmal ausgegeben)
  oauth2-clients update ID   --name, --redirect, --scope ändern
  oauth2-clients reset ID    neues Client-Geheimnis (wird einmal ausgegeben; das alte funktioniert nicht mehr)
  oauth2-clients delete ID   einen Client und seine Autorisierungen löschen
  activity list              was von diesem Rechner aus geändert wurde
  activity export            dasselbe als CSV
  admin-pats search          persönliche Zugriffstoken aller Benutzer (Systemadministratoren):
                             [--owner U] [--name TEXT] [--never-used] [--expired]
                             [--unused-days N] [--expiring-days N]
  admin-pats revoke ID...    persönliche Zugriffstoken beliebiger Benutzer widerrufen, dann prüfen
  admin-pats sweep RULE      jedes Token widerrufen, das einer Regel entspricht (--never-used,
                             --expired, --unused-days N oder --expiring-days N);
                             [--dry-run] listet sie nur auf, [--receipt FILE] speichert eine CSV-Datei
</translation>
    </message>
    <message>
        <source>AccessDesk for scripts: see and revoke access on Jira Data Center.

</source>
        <translation>AccessDesk für Skripte: Zugriffe in Jira Data Center einsehen und widerrufen.

</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Diese Hilfe anzeigen.</translation>
    </message>
    <message>
        <source>table (default), json or csv.</source>
        <translation>table (Standard), json oder csv.</translation>
    </message>
    <message>
        <source>Answer confirmations with yes.</source>
        <translation>Rückfragen mit Ja beantworten.</translation>
    </message>
    <message>
        <source>pat create: days until the token expires.</source>
        <translation>pat create: Tage, bis das Token abläuft.</translation>
    </message>
    <message>
        <source>OAuth 2.0 client id.</source>
        <translation>Client-ID des OAuth 2.0-Clients.</translation>
    </message>
    <message>
        <source>Environment variable holding the OAuth 2.0 client secret.</source>
        <translation>Umgebungsvariable, die das Client-Geheimnis des OAuth 2.0-Clients enthält.</translation>
    </message>
    <message>
        <source>oauth2 login: port of the registered http://127.0.0.1:PORT/callback.</source>
        <translation>oauth2 login: Port der registrierten Adresse http://127.0.0.1:PORT/callback.</translation>
    </message>
    <message>
        <source>oauth2 login, oauth2-clients: READ, WRITE, ADMIN or SYSTEM_ADMIN.</source>
        <translation>oauth2 login, oauth2-clients: READ, WRITE, ADMIN oder SYSTEM_ADMIN.</translation>
    </message>
    <message>
        <source>Show the version.</source>
        <translation>Die Version anzeigen.</translation>
    </message>
    <message>
        <source>What to do (see Commands).</source>
        <translation>Was zu tun ist (siehe Befehle).</translation>
    </message>
    <message>
        <source>--format takes table, json or csv</source>
        <translation>--format erwartet table, json oder csv</translation>
    </message>
    <message>
        <source>--days takes a positive number of days</source>
        <translation>--days erwartet eine positive Anzahl Tage</translation>
    </message>
    <message>
        <source>--redirect-port takes a port number from 1 to 65535</source>
        <translation>--redirect-port erwartet eine Portnummer von 1 bis 65535</translation>
    </message>
    <message>
        <source>no command given</source>
        <translation>kein Befehl angegeben</translation>
    </message>
</context>
<context>
    <name>CliTable</name>
    <message>
        <source>action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>application</source>
        <translation>Anwendung</translation>
    </message>
    <message>
        <source>application URL</source>
        <translation>Anwendungs-URL</translation>
    </message>
    <message>
        <source>auth</source>
        <translation>Anmeldeart</translation>
    </message>
    <message>
        <source>client id</source>
        <translation>Client-ID</translation>
    </message>
    <message>
        <source>client secret</source>
        <translation>Client-Geheimnis</translation>
    </message>
    <message>
        <source>created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <source>field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>incoming</source>
        <translation>Eingehend</translation>
    </message>
    <message>
        <source>issued</source>
        <translation>Ausgestellt</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>last used</source>
        <translation>Zuletzt verwendet</translation>
    </message>
    <message>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>outgoing</source>
        <translation>Ausgehend</translation>
    </message>
    <message>
        <source>owner</source>
        <translation>Besitzer</translation>
    </message>
    <message>
        <source>pinned certificate</source>
        <translation>Angeheftetes Zertifikat</translation>
    </message>
    <message>
        <source>primary</source>
        <extracomment>Table column: whether the link is the primary one of its type</extracomment>
        <translation>Primär</translation>
    </message>
    <message>
        <source>profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>redirects</source>
        <translation>Weiterleitungen</translation>
    </message>
    <message>
        <source>result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>scope</source>
        <translation>Bereich</translation>
    </message>
    <message>
        <source>scopes</source>
        <translation>Bereiche</translation>
    </message>
    <message>
        <source>server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>stored</source>
        <extracomment>Table column: whether the secret was stored in the keychain</extracomment>
        <translation>Gespeichert</translation>
    </message>
    <message>
        <source>system</source>
        <translation>System</translation>
    </message>
    <message>
        <source>target</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>user</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>what is wrong</source>
        <translation>Was nicht stimmt</translation>
    </message>
    <message>
        <source>what to do</source>
        <translation>Was zu tun ist</translation>
    </message>
</context>
<context>
    <name>ConnectionCheck</name>
    <message>
        <source>personal access token</source>
        <translation>persönliches Zugriffstoken</translation>
    </message>
    <message>
        <source>password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Enter the address of your Jira server, starting with https:// — for example https://jira.example.com</source>
        <translation>Geben Sie die Adresse Ihres Jira-Servers ein, beginnend mit https:// – zum Beispiel https://jira.example.com</translation>
    </message>
    <message>
        <source>Enter only the server&apos;s address, without a user name, “?…” or “#…” — for example https://jira.example.com/jira</source>
        <translation>Geben Sie nur die Adresse des Servers ein, ohne Benutzernamen, „?…“ oder „#…“ – zum Beispiel https://jira.example.com/jira</translation>
    </message>
    <message>
        <source>Enter your Jira user name.</source>
        <translation>Geben Sie Ihren Jira-Benutzernamen ein.</translation>
    </message>
    <message>
        <source>Enter your %1.</source>
        <translation>Geben Sie Ihr %1 ein.</translation>
    </message>
    <message>
        <source>The server address changed: enter the %1 again, so that the stored one is not sent to the new address unasked.</source>
        <translation>Die Serveradresse hat sich geändert: Geben Sie das %1 erneut ein, damit das gespeicherte nicht ungefragt an die neue Adresse gesendet wird.</translation>
    </message>
    <message>
        <source>This address starts with http://, so the %1 would travel unencrypted and anyone on the way could read it. Use https:// if the server offers it.</source>
        <translation>Diese Adresse beginnt mit http://, daher würde das %1 unverschlüsselt übertragen und jeder auf dem Weg könnte es lesen. Verwenden Sie https://, wenn der Server es anbietet.</translation>
    </message>
    <message>
        <source>The timeout must be at least one second.</source>
        <translation>Das Zeitlimit muss mindestens eine Sekunde betragen.</translation>
    </message>
    <message>
        <source>This file holds no certificate in PEM format (text starting with “-----BEGIN CERTIFICATE-----”).</source>
        <translation>Diese Datei enthält kein Zertifikat im PEM-Format (Text, der mit „-----BEGIN CERTIFICATE-----“ beginnt).</translation>
    </message>
    <message>
        <source>This file cannot be read. Choose the CA certificate file again.</source>
        <translation>Diese Datei kann nicht gelesen werden. Wählen Sie die CA-Zertifikatsdatei erneut aus.</translation>
    </message>
    <message>
        <source>(Details: %1)</source>
        <translation>(Details: %1)</translation>
    </message>
    <message>
        <source>AccessDesk could not reach %1. Check the address and that the server is running; a firewall or proxy may also be in the way.</source>
        <translation>AccessDesk konnte %1 nicht erreichen. Prüfen Sie die Adresse und ob der Server läuft; möglicherweise ist auch eine Firewall oder ein Proxy im Weg.</translation>
    </message>
    <message numerus="yes">
        <source>The server did not answer within %n second(s). It may be busy or out of reach: try again, or allow more time here.</source>
        <translation>
            <numerusform>Der Server hat nicht innerhalb von %n Sekunde geantwortet. Er ist möglicherweise ausgelastet oder nicht erreichbar: Versuchen Sie es erneut, oder erlauben Sie hier mehr Zeit.</numerusform>
            <numerusform>Der Server hat nicht innerhalb von %n Sekunden geantwortet. Er ist möglicherweise ausgelastet oder nicht erreichbar: Versuchen Sie es erneut, oder erlauben Sie hier mehr Zeit.</numerusform>
        </translation>
    </message>
    <message>
        <source>This computer does not trust the certificate of %1, so nothing was sent. Look at the certificate and decide whether to trust it.</source>
        <translation>Dieser Computer vertraut dem Zertifikat von %1 nicht, daher wurde nichts gesendet. Sehen Sie sich das Zertifikat an und entscheiden Sie, ob Sie ihm vertrauen.</translation>
    </message>
    <message>
        <source>A secure connection to %1 could not be set up.</source>
        <translation>Eine sichere Verbindung zu %1 konnte nicht hergestellt werden.</translation>
    </message>
    <message>
        <source>Jira wants a CAPTCHA because of earlier failed sign-ins. Sign in once in a web browser and solve it, then try again here.</source>
        <translation>Jira verlangt wegen früherer fehlgeschlagener Anmeldungen ein CAPTCHA. Melden Sie sich einmal in einem Webbrowser an und lösen Sie es, und versuchen Sie es dann hier erneut.</translation>
    </message>
    <message>
        <source>The server did not accept this personal access token. It may be mistyped, expired or revoked; create a new one in Jira under your profile → Personal Access Tokens.</source>
        <translation>Der Server hat dieses persönliche Zugriffstoken nicht akzeptiert. Es ist möglicherweise falsch eingegeben, abgelaufen oder widerrufen; erstellen Sie in Jira ein neues unter Ihrem Profil → Persönliche Zugriffstoken.</translation>
    </message>
    <message>
        <source>The user name or password is wrong. Check both and try again (after several failed tries Jira asks for a CAPTCHA in the browser).</source>
        <translation>Benutzername oder Passwort ist falsch. Prüfen Sie beides und versuchen Sie es erneut (nach mehreren Fehlversuchen verlangt Jira im Browser ein CAPTCHA).</translation>
    </message>
    <message>
        <source>Something answers at this address, but not a Jira server. Use the address you see in the browser before “/secure/…”, including a path such as /jira if there is one.</source>
        <translation>Unter dieser Adresse antwortet etwas, aber kein Jira-Server. Verwenden Sie die Adresse, die Sie im Browser vor „/secure/…“ sehen, einschließlich eines Pfads wie /jira, falls vorhanden.</translation>
    </message>
    <message>
        <source>The keychain did not store the %1 (%2), so nothing was saved.</source>
        <translation>Der Schlüsselbund hat das %1 nicht gespeichert (%2), daher wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The profile was saved, but no keychain is available, so the %1 is kept only until AccessDesk quits; you will be asked for it again next time.</source>
        <translation>Das Profil wurde gespeichert, aber es ist kein Schlüsselbund verfügbar, daher wird das %1 nur bis zum Beenden von AccessDesk aufbewahrt; Sie werden beim nächsten Mal erneut danach gefragt.</translation>
    </message>
    <message>
        <source>No %1 is stored for this profile on this computer.</source>
        <translation>Für dieses Profil ist auf diesem Computer kein %1 gespeichert.</translation>
    </message>
    <message>
        <source>The keychain did not give the stored %1 (%2). Type it again.</source>
        <translation>Der Schlüsselbund hat das gespeicherte %1 nicht herausgegeben (%2). Geben Sie es erneut ein.</translation>
    </message>
    <message>
        <source>Connected to %1 (Jira %2) as %3.</source>
        <translation>Verbunden mit %1 (Jira %2) als %3.</translation>
    </message>
    <message>
        <source>access token</source>
        <comment>OAuth sign-in, obtained in the browser</comment>
        <translation>Zugriffstoken</translation>
    </message>
    <message>
        <source>No password store is running, so AccessDesk cannot remember passwords. You will be asked for the password or token each time you start AccessDesk.</source>
        <translation>Es läuft kein Passwortspeicher, daher kann AccessDesk sich keine Passwörter merken. Sie werden bei jedem Start von AccessDesk nach dem Passwort oder Token gefragt.</translation>
    </message>
    <message>
        <source>Enter the consumer key and choose the private key file.</source>
        <translation>Geben Sie den Consumer-Key ein und wählen Sie die private Schlüsseldatei aus.</translation>
    </message>
    <message>
        <source>Enter the client ID.</source>
        <translation>Geben Sie die Client-ID ein.</translation>
    </message>
    <message>
        <source>Sign in in the browser first (“Sign in in browser…”).</source>
        <translation>Melden Sie sich zuerst im Browser an („Im Browser anmelden…“).</translation>
    </message>
    <message>
        <source>The server address changed: sign in in the browser again, so that the stored tokens are not sent to the new address unasked.</source>
        <translation>Die Serveradresse hat sich geändert: Melden Sie sich erneut im Browser an, damit die gespeicherten Token nicht ungefragt an die neue Adresse gesendet werden.</translation>
    </message>
    <message>
        <source>The server at %1 answers without encryption, so it does not offer https:// on this port. Try the address with http:// instead: %2</source>
        <translation>Der Server unter %1 antwortet unverschlüsselt und bietet auf diesem Port daher kein https:// an. Versuchen Sie die Adresse stattdessen mit http://: %2</translation>
    </message>
    <message>
        <source>The server did not accept the sign-in from the browser. It may have expired or been revoked: sign in in the browser again.</source>
        <translation>Der Server hat die Anmeldung aus dem Browser nicht akzeptiert. Sie ist möglicherweise abgelaufen oder wurde widerrufen: Melden Sie sich erneut im Browser an.</translation>
    </message>
</context>
<context>
    <name>ConnectionOptionSet</name>
    <message>
        <source>Use a saved connection profile.</source>
        <translation>Ein gespeichertes Verbindungsprofil verwenden.</translation>
    </message>
    <message>
        <source>Jira base URL, e.g. https://jira.example.com.</source>
        <translation>Basis-URL von Jira, z. B. https://jira.example.com.</translation>
    </message>
    <message>
        <source>basic, pat, session, oauth1 or oauth2.</source>
        <translation>basic, pat, session, oauth1 oder oauth2.</translation>
    </message>
    <message>
        <source>User name (basic, session).</source>
        <translation>Benutzername (basic, session).</translation>
    </message>
    <message>
        <source>Environment variable holding the password.</source>
        <translation>Umgebungsvariable, die das Passwort enthält.</translation>
    </message>
    <message>
        <source>Environment variable holding the personal access token.</source>
        <translation>Umgebungsvariable, die das persönliche Zugriffstoken enthält.</translation>
    </message>
    <message>
        <source>OAuth 1.0a consumer key.</source>
        <translation>Consumer-Key für OAuth 1.0a.</translation>
    </message>
    <message>
        <source>OAuth 1.0a consumer&apos;s PEM private key file.</source>
        <translation>Private Schlüsseldatei (PEM) des OAuth-1.0a-Consumers.</translation>
    </message>
    <message>
        <source>Environment variable holding the OAuth access token.</source>
        <translation>Umgebungsvariable, die das OAuth-Zugriffstoken enthält.</translation>
    </message>
    <message>
        <source>Environment variable holding the OAuth token secret.</source>
        <translation>Umgebungsvariable, die das OAuth-Token-Geheimnis enthält.</translation>
    </message>
    <message>
        <source>Also trust certificates issued by this PEM CA file.</source>
        <translation>Auch Zertifikaten vertrauen, die von dieser CA-Datei (PEM) ausgestellt wurden.</translation>
    </message>
    <message>
        <source>Trust exactly the server certificate with this SHA-256 fingerprint.</source>
        <translation>Genau dem Serverzertifikat mit diesem SHA-256-Fingerabdruck vertrauen.</translation>
    </message>
    <message>
        <source>Seconds without an answer before giving up (default 30).</source>
        <translation>Sekunden ohne Antwort, bevor aufgegeben wird (Standard: 30).</translation>
    </message>
    <message>
        <source>Send the password or token over plain http:// to a server that is not this computer (it can be read on the way).</source>
        <translation>Das Passwort oder Token über unverschlüsseltes http:// an einen Server senden, der nicht dieser Computer ist (es kann unterwegs mitgelesen werden).</translation>
    </message>
    <message>
        <source>--timeout takes a number of seconds from 1 to 3600</source>
        <translation>--timeout erwartet eine Anzahl Sekunden von 1 bis 3600</translation>
    </message>
    <message>
        <source>--pin-sha256 takes the certificate&apos;s SHA-256 fingerprint (64 hex digits, colons allowed)</source>
        <translation>--pin-sha256 erwartet den SHA-256-Fingerabdruck des Zertifikats (64 Hexadezimalziffern, Doppelpunkte erlaubt)</translation>
    </message>
    <message>
        <source>--auth takes basic, pat, session, oauth1 or oauth2</source>
        <translation>--auth erwartet basic, pat, session, oauth1 oder oauth2</translation>
    </message>
    <message>
        <source>--server takes an http:// or https:// URL, e.g. https://jira.example.com</source>
        <translation>--server erwartet eine http://- oder https://-URL, z. B. https://jira.example.com</translation>
    </message>
    <message>
        <source>--server must not contain a user name or password (https://user:password@…); give --user NAME and --password-env VAR or --token-env VAR instead</source>
        <translation>--server darf keinen Benutzernamen und kein Passwort enthalten (https://benutzer:passwort@…); geben Sie stattdessen --user NAME und --password-env VAR oder --token-env VAR an</translation>
    </message>
    <message>
        <source>use either --profile or --server, not both</source>
        <translation>verwenden Sie entweder --profile oder --server, nicht beides</translation>
    </message>
</context>
<context>
    <name>ConsumerDraftCheck</name>
    <message>
        <source>Only Jira system administrators may allow impersonation, and you are not one. Turn impersonation off, or ask a system administrator to approve this consumer.</source>
        <translation>Nur Jira-Systemadministratoren dürfen den Identitätswechsel erlauben, und Sie sind keiner. Deaktivieren Sie den Identitätswechsel, oder bitten Sie einen Systemadministrator, diesen Consumer zu genehmigen.</translation>
    </message>
</context>
<context>
    <name>ConsumerRules</name>
    <message>
        <source>Enter the consumer key the application signs its requests with.</source>
        <translation>Geben Sie den Consumer-Key ein, mit dem die Anwendung ihre Anfragen signiert.</translation>
    </message>
    <message>
        <source>The consumer key cannot contain spaces or line breaks.</source>
        <translation>Der Consumer-Key darf keine Leerzeichen oder Zeilenumbrüche enthalten.</translation>
    </message>
    <message>
        <source>The consumer key is %1 characters long; at most %2 are allowed. Shorten it.</source>
        <translation>Der Consumer-Key ist %1 Zeichen lang; höchstens %2 sind erlaubt. Kürzen Sie ihn.</translation>
    </message>
    <message>
        <source>Enter a name: users see it when they allow access and on their token pages.</source>
        <translation>Geben Sie einen Namen ein: Benutzer sehen ihn, wenn sie den Zugriff erlauben, und auf ihren Token-Seiten.</translation>
    </message>
    <message>
        <source>The name is %1 characters long; at most %2 are allowed. Shorten it.</source>
        <translation>Der Name ist %1 Zeichen lang; höchstens %2 sind erlaubt. Kürzen Sie ihn.</translation>
    </message>
    <message>
        <source>Remove the part from &quot;#&quot; on: a callback URL cannot have a fragment.</source>
        <translation>Entfernen Sie den Teil ab &quot;#&quot;: Eine Callback-URL darf kein Fragment enthalten.</translation>
    </message>
    <message>
        <source>Enter the callback as an absolute http:// or https:// URL, such as https://app.example.com/oauth/callback, or leave it empty.</source>
        <translation>Geben Sie den Callback als absolute http://- oder https://-URL ein, etwa https://app.example.com/oauth/callback, oder lassen Sie ihn leer.</translation>
    </message>
    <message>
        <source>The description is %1 characters long; at most %2 are allowed. Shorten it.</source>
        <translation>Die Beschreibung ist %1 Zeichen lang; höchstens %2 sind erlaubt. Kürzen Sie sie.</translation>
    </message>
    <message>
        <source>Paste the consumer&apos;s RSA public key, load it from a file, or generate a key pair.</source>
        <translation>Fügen Sie den öffentlichen RSA-Schlüssel des Consumers ein, laden Sie ihn aus einer Datei, oder erzeugen Sie ein Schlüsselpaar.</translation>
    </message>
    <message>
        <source>Enter the user that two-legged requests run as.</source>
        <translation>Geben Sie den Benutzer ein, unter dem 2-Legged-Anfragen ausgeführt werden.</translation>
    </message>
    <message>
        <source>An execute-as user applies only to two-legged OAuth: turn two-legged OAuth on, or clear the user.</source>
        <translation>Ein „Ausführen als“-Benutzer gilt nur für 2-Legged-OAuth: Aktivieren Sie 2-Legged-OAuth, oder leeren Sie den Benutzer.</translation>
    </message>
    <message>
        <source>The user name is %1 characters long; at most %2 are allowed.</source>
        <translation>Der Benutzername ist %1 Zeichen lang; höchstens %2 sind erlaubt.</translation>
    </message>
    <message>
        <source>Impersonation works only with two-legged OAuth: turn two-legged OAuth on, or impersonation off.</source>
        <translation>Identitätswechsel funktioniert nur mit 2-Legged-OAuth: Aktivieren Sie 2-Legged-OAuth, oder deaktivieren Sie den Identitätswechsel.</translation>
    </message>
</context>
<context>
    <name>Database</name>
    <message>
        <source>Cannot open the local database %1: %2</source>
        <translation>Die lokale Datenbank %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Cannot configure the local database: %1</source>
        <translation>Die lokale Datenbank kann nicht konfiguriert werden: %1</translation>
    </message>
    <message>
        <source>Cannot read the database version: %1</source>
        <translation>Die Datenbankversion kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Cannot read the database version.</source>
        <translation>Die Datenbankversion kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The local database was written by a newer version of AccessDesk (schema %1; this version knows up to %2). It was left untouched.</source>
        <translation>Die lokale Datenbank wurde von einer neueren Version von AccessDesk geschrieben (Schema %1; diese Version kennt bis %2). Sie wurde nicht verändert.</translation>
    </message>
    <message>
        <source>Cannot start migration %1: %2</source>
        <translation>Migration %1 kann nicht gestartet werden: %2</translation>
    </message>
    <message>
        <source>cannot read the database version</source>
        <translation>Die Datenbankversion kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>Migration %1 (%2) failed and was rolled back: %3</source>
        <translation>Migration %1 (%2) ist fehlgeschlagen und wurde zurückgesetzt: %3</translation>
    </message>
</context>
<context>
    <name>DialogParts</name>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Kopiert</translation>
    </message>
</context>
<context>
    <name>ExpiryAnnouncements</name>
    <message>
        <source>Cannot read the announced grants: %1</source>
        <translation>Die angekündigten Zugriffsberechtigungen können nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>An announced grant needs a server, an id and its expiry.</source>
        <translation>Eine angekündigte Zugriffsberechtigung benötigt einen Server, eine ID und ihr Ablaufdatum.</translation>
    </message>
    <message>
        <source>Cannot remember the announced grant: %1</source>
        <translation>Die angekündigte Zugriffsberechtigung kann nicht vermerkt werden: %1</translation>
    </message>
    <message>
        <source>Cannot forget the expired announced grants: %1</source>
        <translation>Die abgelaufenen angekündigten Zugriffsberechtigungen können nicht vergessen werden: %1</translation>
    </message>
</context>
<context>
    <name>ExpiryNotice</name>
    <message numerus="yes">
        <source>Access expiring within %n day(s)</source>
        <comment>notification title</comment>
        <translation>
            <numerusform>Zugriff läuft innerhalb von %n Tag ab</numerusform>
            <numerusform>Zugriff läuft innerhalb von %n Tagen ab</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n grant(s) expire soon: %1. Open My access to replace or revoke them.</source>
        <translation>
            <numerusform>%n Zugriffsberechtigung läuft bald ab: %1. Öffnen Sie „Mein Zugriff“, um sie zu ersetzen oder zu widerrufen.</numerusform>
            <numerusform>%n Zugriffsberechtigungen laufen bald ab: %1. Öffnen Sie „Mein Zugriff“, um sie zu ersetzen oder zu widerrufen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n grant(s) expire soon. Create a replacement for what you still need, and revoke the rest.</source>
        <translation>
            <numerusform>%n Zugriffsberechtigung läuft bald ab. Erstellen Sie einen Ersatz, wenn Sie sie noch benötigen, und widerrufen Sie sie andernfalls.</numerusform>
            <numerusform>%n Zugriffsberechtigungen laufen bald ab. Erstellen Sie einen Ersatz für das, was Sie noch benötigen, und widerrufen Sie den Rest.</numerusform>
        </translation>
    </message>
    <message>
        <source>The personal access token “%1” expires on %2.</source>
        <translation>Das persönliche Zugriffstoken „%1“ läuft am %2 ab.</translation>
    </message>
    <message>
        <source>The access you gave “%1” expires on %2.</source>
        <translation>Der Zugriff, den Sie „%1“ gewährt haben, läuft am %2 ab.</translation>
    </message>
</context>
<context>
    <name>LoopbackResponsePage</name>
    <message>
        <source>You may close this window and return to AccessDesk.</source>
        <translation>Sie können dieses Fenster schließen und zu AccessDesk zurückkehren.</translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation>Angemeldet</translation>
    </message>
    <message>
        <source>AccessDesk received the authorisation.</source>
        <translation>AccessDesk hat die Autorisierung erhalten.</translation>
    </message>
    <message>
        <source>Access not granted</source>
        <translation>Zugriff nicht gewährt</translation>
    </message>
    <message>
        <source>You did not allow AccessDesk to access your account.</source>
        <translation>Sie haben AccessDesk den Zugriff auf Ihr Konto nicht erlaubt.</translation>
    </message>
    <message>
        <source>Sign-in failed</source>
        <translation>Anmeldung fehlgeschlagen</translation>
    </message>
    <message>
        <source>Not this sign-in</source>
        <translation>Nicht diese Anmeldung</translation>
    </message>
    <message>
        <source>This answer does not belong to the sign-in AccessDesk is waiting for (state mismatch). It was ignored; AccessDesk still waits for the right one.</source>
        <translation>Diese Antwort gehört nicht zu der Anmeldung, auf die AccessDesk wartet (State stimmt nicht überein). Sie wurde ignoriert; AccessDesk wartet weiterhin auf die richtige.</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Nicht gefunden</translation>
    </message>
    <message>
        <source>This address is not part of the sign-in.</source>
        <translation>Diese Adresse gehört nicht zur Anmeldung.</translation>
    </message>
    <message>
        <source>Not allowed</source>
        <translation>Nicht erlaubt</translation>
    </message>
    <message>
        <source>Only the browser&apos;s redirect is accepted here.</source>
        <translation>Hier wird nur die Weiterleitung des Browsers angenommen.</translation>
    </message>
    <message>
        <source>Bad request</source>
        <translation>Ungültige Anfrage</translation>
    </message>
    <message>
        <source>The request could not be read.</source>
        <translation>Die Anfrage konnte nicht gelesen werden.</translation>
    </message>
</context>
<context>
    <name>NewAppLinkRules</name>
    <message>
        <source>“%1” is not an application type Jira knows.</source>
        <translation>„%1“ ist kein Anwendungstyp, den Jira kennt.</translation>
    </message>
    <message>
        <source>Choose one of: generic, jira, confluence, bamboo, stash (Bitbucket), fecru (Fisheye / Crucible), crowd.</source>
        <translation>Wählen Sie einen davon: generic, jira, confluence, bamboo, stash (Bitbucket), fecru (Fisheye / Crucible), crowd.</translation>
    </message>
    <message>
        <source>a generic application</source>
        <translation>eine generische Anwendung</translation>
    </message>
    <message>
        <source>The address has not been checked yet.</source>
        <translation>Die Adresse wurde noch nicht geprüft.</translation>
    </message>
    <message>
        <source>Check the address first.</source>
        <translation>Prüfen Sie zuerst die Adresse.</translation>
    </message>
    <message>
        <source>A two-way link is made between Atlassian applications; a generic link has only this end.</source>
        <translation>Ein wechselseitiger Link wird zwischen Atlassian-Anwendungen erstellt; ein generischer Link hat nur diese Seite.</translation>
    </message>
    <message>
        <source>%1 is not an Atlassian application, so Jira cannot create the other end of the link there.</source>
        <translation>%1 ist keine Atlassian-Anwendung, daher kann Jira die andere Seite des Links dort nicht erstellen.</translation>
    </message>
    <message>
        <source>Create a one-way link instead, and set up the other application yourself.</source>
        <translation>Erstellen Sie stattdessen einen einseitigen Link und richten Sie die andere Anwendung selbst ein.</translation>
    </message>
    <message>
        <source>%1 answers, but it is not an Atlassian application, so it cannot be linked as %2.</source>
        <translation>%1 antwortet, ist aber keine Atlassian-Anwendung und kann daher nicht als %2 verlinkt werden.</translation>
    </message>
    <message>
        <source>Create a generic link to it instead.</source>
        <translation>Erstellen Sie stattdessen einen generischen Link dorthin.</translation>
    </message>
    <message>
        <source>The application at %1 is %2, not %3.</source>
        <translation>Die Anwendung unter %1 ist %2, nicht %3.</translation>
    </message>
    <message>
        <source>Choose the type %1, or check the address.</source>
        <translation>Wählen Sie den Typ %1, oder prüfen Sie die Adresse.</translation>
    </message>
    <message>
        <source>Enter the address of the application to link to.</source>
        <translation>Geben Sie die Adresse der zu verlinkenden Anwendung ein.</translation>
    </message>
    <message>
        <source>“%1” is not a web address.</source>
        <translation>„%1“ ist keine Webadresse.</translation>
    </message>
    <message>
        <source>Enter the application&apos;s base URL, starting with https:// or http://.</source>
        <translation>Geben Sie die Basis-URL der Anwendung ein, beginnend mit https:// oder http://.</translation>
    </message>
    <message>
        <source>Choose the type of application.</source>
        <translation>Wählen Sie den Anwendungstyp.</translation>
    </message>
    <message>
        <source>Enter a name for the link.</source>
        <translation>Geben Sie einen Namen für den Link ein.</translation>
    </message>
    <message>
        <source>Enter the address users see, starting with https:// or http://.</source>
        <translation>Geben Sie die Adresse ein, die Benutzer sehen, beginnend mit https:// oder http://.</translation>
    </message>
    <message>
        <source>Create a one-way link instead.</source>
        <translation>Erstellen Sie stattdessen einen einseitigen Link.</translation>
    </message>
    <message>
        <source>Enter the user name of an administrator of the remote application.</source>
        <translation>Geben Sie den Benutzernamen eines Administrators der entfernten Anwendung ein.</translation>
    </message>
    <message>
        <source>Enter the password of the remote administrator.</source>
        <translation>Geben Sie das Passwort des entfernten Administrators ein.</translation>
    </message>
    <message>
        <source>It is used once to create the other end, and never stored.</source>
        <translation>Es wird einmalig zum Erstellen der anderen Seite verwendet und nie gespeichert.</translation>
    </message>
    <message>
        <source>Enter the address the remote application reaches this Jira at, or leave it empty for Jira&apos;s base URL.</source>
        <translation>Geben Sie die Adresse ein, unter der die entfernte Anwendung dieses Jira erreicht, oder lassen Sie sie leer für die Basis-URL von Jira.</translation>
    </message>
    <message>
        <source>A link to %1 exists already: “%2”.</source>
        <translation>Ein Link zu %1 existiert bereits: „%2“.</translation>
    </message>
    <message>
        <source>Edit that link instead, or delete it first.</source>
        <translation>Bearbeiten Sie stattdessen diesen Link, oder löschen Sie ihn zuerst.</translation>
    </message>
    <message>
        <source>Another link is already called “%1”.</source>
        <translation>Ein anderer Link heißt bereits „%1“.</translation>
    </message>
    <message>
        <source>Choose another name.</source>
        <translation>Wählen Sie einen anderen Namen.</translation>
    </message>
</context>
<context>
    <name>OAuth2ClientRules</name>
    <message>
        <source>Enter a name for the client.</source>
        <translation>Geben Sie einen Namen für den Client ein.</translation>
    </message>
    <message>
        <source>The name is %1 characters long; Jira allows at most %2. Shorten it.</source>
        <translation>Der Name ist %1 Zeichen lang; Jira erlaubt höchstens %2. Kürzen Sie ihn.</translation>
    </message>
    <message>
        <source>A client with this name already exists. Choose another name.</source>
        <translation>Ein Client mit diesem Namen existiert bereits. Wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <source>Choose a scope: READ, WRITE, ADMIN or SYSTEM_ADMIN.</source>
        <translation>Wählen Sie einen Bereich: READ, WRITE, ADMIN oder SYSTEM_ADMIN.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a scope Jira knows. Choose READ, WRITE, ADMIN or SYSTEM_ADMIN.</source>
        <translation>&quot;%1&quot; ist kein Bereich, den Jira kennt. Wählen Sie READ, WRITE, ADMIN oder SYSTEM_ADMIN.</translation>
    </message>
    <message>
        <source>The URL is %1 characters long; Jira allows at most %2.</source>
        <translation>Die URL ist %1 Zeichen lang; Jira erlaubt höchstens %2.</translation>
    </message>
    <message>
        <source>This is not a complete URL. Enter an absolute URL such as https://app.example.com/callback.</source>
        <translation>Dies ist keine vollständige URL. Geben Sie eine absolute URL ein, etwa https://app.example.com/callback.</translation>
    </message>
    <message>
        <source>Remove the part from &quot;#&quot; on: Jira does not allow a fragment in a redirect URL.</source>
        <translation>Entfernen Sie den Teil ab &quot;#&quot;: Jira erlaubt kein Fragment in einer Weiterleitungs-URL.</translation>
    </message>
    <message>
        <source>Use an https:// URL. Jira accepts plain http:// only for localhost, 127.0.0.1 and [::1].</source>
        <translation>Verwenden Sie eine https://-URL. Jira akzeptiert einfaches http:// nur für localhost, 127.0.0.1 und [::1].</translation>
    </message>
    <message>
        <source>Line %1: %2</source>
        <translation>Zeile %1: %2</translation>
    </message>
    <message>
        <source>Enter at least one redirect URL.</source>
        <translation>Geben Sie mindestens eine Weiterleitungs-URL ein.</translation>
    </message>
</context>
<context>
    <name>OfflineCache</name>
    <message>
        <source>A cached list needs a profile, a kind and a time.</source>
        <translation>Eine zwischengespeicherte Liste benötigt ein Profil, eine Art und einen Zeitpunkt.</translation>
    </message>
    <message>
        <source>Cannot cache the list: %1</source>
        <translation>Die Liste kann nicht zwischengespeichert werden: %1</translation>
    </message>
    <message>
        <source>Cannot read the cached list: %1</source>
        <translation>Die zwischengespeicherte Liste kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Cannot clear the cached lists: %1</source>
        <translation>Die zwischengespeicherten Listen können nicht gelöscht werden: %1</translation>
    </message>
</context>
<context>
    <name>PrivateFiles</name>
    <message>
        <source>The folder %1 could not be created.</source>
        <translation>Der Ordner %1 konnte nicht erstellt werden.</translation>
    </message>
    <message>
        <source>Access to the folder %1 could not be limited to you.</source>
        <translation>Der Zugriff auf den Ordner %1 konnte nicht auf Sie beschränkt werden.</translation>
    </message>
    <message>
        <source>%1 is not a regular file.</source>
        <translation>%1 ist keine reguläre Datei.</translation>
    </message>
    <message>
        <source>%1 could not be created: %2</source>
        <translation>%1 konnte nicht erstellt werden: %2</translation>
    </message>
    <message>
        <source>Access to %1 could not be limited to you.</source>
        <translation>Der Zugriff auf %1 konnte nicht auf Sie beschränkt werden.</translation>
    </message>
</context>
<context>
    <name>PrivateKeyFile</name>
    <message>
        <source>The folder &quot;%1&quot; does not exist. Choose an existing folder for the private key.</source>
        <translation>Der Ordner &quot;%1&quot; existiert nicht. Wählen Sie einen vorhandenen Ordner für den privaten Schlüssel.</translation>
    </message>
    <message>
        <source>AccessDesk may not write in the folder &quot;%1&quot;. Choose a folder you can write to.</source>
        <translation>AccessDesk darf nicht in den Ordner &quot;%1&quot; schreiben. Wählen Sie einen Ordner, in den Sie schreiben können.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; already exists. Choose another file name, or confirm that the existing file may be replaced.</source>
        <translation>&quot;%1&quot; existiert bereits. Wählen Sie einen anderen Dateinamen, oder bestätigen Sie, dass die vorhandene Datei ersetzt werden darf.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a folder. Choose a file name for the private key.</source>
        <translation>&quot;%1&quot; ist ein Ordner. Wählen Sie einen Dateinamen für den privaten Schlüssel.</translation>
    </message>
    <message>
        <source>There is not enough space to write &quot;%1&quot; (the disk or your quota is full). Free some space or choose another folder.</source>
        <translation>Es ist nicht genug Speicherplatz vorhanden, um &quot;%1&quot; zu schreiben (die Festplatte oder Ihr Kontingent ist voll). Geben Sie Speicherplatz frei oder wählen Sie einen anderen Ordner.</translation>
    </message>
    <message>
        <source>Could not write &quot;%1&quot;: %2.</source>
        <translation>&quot;%1&quot; konnte nicht geschrieben werden: %2.</translation>
    </message>
    <message>
        <source>Choose a file to write the private key to.</source>
        <translation>Wählen Sie eine Datei, in die der private Schlüssel geschrieben wird.</translation>
    </message>
</context>
<context>
    <name>ProfileStore</name>
    <message>
        <source>The profile needs a name.</source>
        <translation>Das Profil benötigt einen Namen.</translation>
    </message>
    <message>
        <source>The profile name must not start or end with spaces.</source>
        <translation>Der Profilname darf nicht mit Leerzeichen beginnen oder enden.</translation>
    </message>
    <message>
        <source>The profile name must not contain / or \.</source>
        <translation>Der Profilname darf weder / noch \ enthalten.</translation>
    </message>
    <message>
        <source>A profile named &quot;%1&quot; already exists.</source>
        <translation>Ein Profil namens &quot;%1&quot; existiert bereits.</translation>
    </message>
    <message>
        <source>The server address must be an http:// or https:// URL.</source>
        <translation>Die Serveradresse muss eine http://- oder https://-URL sein.</translation>
    </message>
    <message>
        <source>The server address must not contain a user name or password.</source>
        <translation>Die Serveradresse darf keinen Benutzernamen und kein Passwort enthalten.</translation>
    </message>
    <message>
        <source>The server address must not contain a query or fragment.</source>
        <translation>Die Serveradresse darf keine Abfrage und kein Fragment enthalten.</translation>
    </message>
    <message>
        <source>The timeout must be at least one second.</source>
        <translation>Das Zeitlimit muss mindestens eine Sekunde betragen.</translation>
    </message>
    <message>
        <source>The pinned certificate must be a SHA-256 fingerprint (64 hex digits).</source>
        <translation>Das angeheftete Zertifikat muss ein SHA-256-Fingerabdruck sein (64 Hexadezimalziffern).</translation>
    </message>
    <message>
        <source>OAuth 1.0a needs a consumer key.</source>
        <translation>OAuth 1.0a benötigt einen Consumer-Key.</translation>
    </message>
    <message>
        <source>OAuth 2.0 needs a client id.</source>
        <translation>OAuth 2.0 benötigt eine Client-ID.</translation>
    </message>
    <message>
        <source>Option names must not be empty or contain / or \.</source>
        <translation>Optionsnamen dürfen nicht leer sein und weder / noch \ enthalten.</translation>
    </message>
    <message>
        <source>The option &quot;%1&quot; looks like a secret; secrets belong in the keychain, not in the profile.</source>
        <translation>Die Option &quot;%1&quot; sieht nach einem Geheimnis aus; Geheimnisse gehören in den Schlüsselbund, nicht in das Profil.</translation>
    </message>
    <message>
        <source>The profiles could not be written to %1.</source>
        <translation>Die Profile konnten nicht nach %1 geschrieben werden.</translation>
    </message>
</context>
<context>
    <name>RelativeTime</name>
    <message>
        <source>in less than a minute</source>
        <translation>in weniger als einer Minute</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message numerus="yes">
        <source>in %n minute(s)</source>
        <translation>
            <numerusform>in %n Minute</numerusform>
            <numerusform>in %n Minuten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) ago</source>
        <translation>
            <numerusform>vor %n Minute</numerusform>
            <numerusform>vor %n Minuten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n hour(s)</source>
        <translation>
            <numerusform>in %n Stunde</numerusform>
            <numerusform>in %n Stunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>vor %n Stunde</numerusform>
            <numerusform>vor %n Stunden</numerusform>
        </translation>
    </message>
    <message>
        <source>tomorrow</source>
        <translation>morgen</translation>
    </message>
    <message>
        <source>yesterday</source>
        <translation>gestern</translation>
    </message>
    <message numerus="yes">
        <source>in %n day(s)</source>
        <translation>
            <numerusform>in %n Tag</numerusform>
            <numerusform>in %n Tagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>vor %n Tag</numerusform>
            <numerusform>vor %n Tagen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RevokeWording</name>
    <message>
        <source>Revoke this grant?</source>
        <translation>Diese Zugriffsberechtigung widerrufen?</translation>
    </message>
    <message>
        <source>Revoke these %1 grants?</source>
        <translation>Diese %1 Zugriffsberechtigungen widerrufen?</translation>
    </message>
    <message>
        <source>%1 can then see only public data.</source>
        <translation>%1 kann dann nur noch öffentliche Daten sehen.</translation>
    </message>
    <message>
        <source>Scripts and tools using %1 will be refused.</source>
        <translation>Skripte und Werkzeuge, die %1 verwenden, werden abgewiesen.</translation>
    </message>
    <message>
        <source>If you revoke it, %1 can then see only public data.</source>
        <translation>Wenn Sie den Zugriff widerrufen, kann %1 danach nur noch öffentliche Daten sehen.</translation>
    </message>
    <message>
        <source>If you revoke it, scripts and tools using %1 will be refused.</source>
        <translation>Wenn Sie es widerrufen, werden Skripte und Werkzeuge, die %1 verwenden, abgewiesen.</translation>
    </message>
    <message numerus="yes">
        <source>…and %n more application(s); they too can then see only public data.</source>
        <translation>
            <numerusform>…und %n weitere Anwendung; auch sie kann dann nur noch öffentliche Daten sehen.</numerusform>
            <numerusform>…und %n weitere Anwendungen; auch sie können dann nur noch öffentliche Daten sehen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>…and %n more personal access token(s); scripts and tools using them will be refused.</source>
        <translation>
            <numerusform>…und %n weiteres persönliches Zugriffstoken; Skripte und Werkzeuge, die es verwenden, werden abgewiesen.</numerusform>
            <numerusform>…und %n weitere persönliche Zugriffstoken; Skripte und Werkzeuge, die sie verwenden, werden abgewiesen.</numerusform>
        </translation>
    </message>
    <message>
        <source>These applications can then see only public data.</source>
        <translation>Diese Anwendungen können dann nur noch öffentliche Daten sehen.</translation>
    </message>
    <message>
        <source>Scripts and tools using these tokens will be refused.</source>
        <translation>Skripte und Werkzeuge, die diese Token verwenden, werden abgewiesen.</translation>
    </message>
    <message>
        <source>The applications can then see only public data, and scripts and tools using the personal access tokens will be refused.</source>
        <translation>Die Anwendungen können dann nur noch öffentliche Daten sehen, und Skripte und Werkzeuge, die die persönlichen Zugriffstoken verwenden, werden abgewiesen.</translation>
    </message>
    <message>
        <source>This cannot be undone; the application would have to ask again.</source>
        <translation>Dies kann nicht rückgängig gemacht werden; die Anwendung müsste erneut anfragen.</translation>
    </message>
    <message>
        <source>This cannot be undone; a new token would have to be created and put in place.</source>
        <translation>Dies kann nicht rückgängig gemacht werden; ein neues Token müsste erstellt und eingesetzt werden.</translation>
    </message>
    <message>
        <source>This cannot be undone; the applications would have to ask again, and new tokens would have to be created and put in place.</source>
        <translation>Dies kann nicht rückgängig gemacht werden; die Anwendungen müssten erneut anfragen, und neue Token müssten erstellt und eingesetzt werden.</translation>
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
        <translation>AccessDesk erzeugt RSA-Schlüssel mit 2048, 3072 oder 4096 Bit, nicht mit %1.</translation>
    </message>
    <message>
        <source>Could not export the new private key.</source>
        <translation>Der neue private Schlüssel konnte nicht exportiert werden.</translation>
    </message>
</context>
<context>
    <name>RsaPrivateKey</name>
    <message>
        <source>This is not an RSA key. Jira&apos;s OAuth 1.0a consumers sign with RSA-SHA1, so the key must be an RSA key.</source>
        <translation>Dies ist kein RSA-Schlüssel. Die OAuth 1.0a-Consumer von Jira signieren mit RSA-SHA1, daher muss der Schlüssel ein RSA-Schlüssel sein.</translation>
    </message>
    <message>
        <source>This is not a PEM private key: there is no &quot;-----BEGIN PRIVATE KEY-----&quot; or &quot;-----BEGIN RSA PRIVATE KEY-----&quot; line.</source>
        <translation>Dies ist kein privater PEM-Schlüssel: Es fehlt eine Zeile &quot;-----BEGIN PRIVATE KEY-----&quot; oder &quot;-----BEGIN RSA PRIVATE KEY-----&quot;.</translation>
    </message>
    <message>
        <source>The private key is protected by a passphrase. Save it without one (for example with &quot;openssl pkey -in key.pem -out plain.pem&quot;); AccessDesk keeps it in the system keychain instead.</source>
        <translation>Der private Schlüssel ist durch eine Passphrase geschützt. Speichern Sie ihn ohne Passphrase (zum Beispiel mit &quot;openssl pkey -in key.pem -out plain.pem&quot;); AccessDesk bewahrt ihn stattdessen im System-Schlüsselbund auf.</translation>
    </message>
    <message>
        <source>The private key could not be read; it is truncated or damaged.</source>
        <translation>Der private Schlüssel konnte nicht gelesen werden; er ist abgeschnitten oder beschädigt.</translation>
    </message>
    <message>
        <source>This is a public key or certificate. Jira holds the public key; AccessDesk needs the private key that belongs to it.</source>
        <translation>Dies ist ein öffentlicher Schlüssel oder ein Zertifikat. Jira hat den öffentlichen Schlüssel; AccessDesk benötigt den zugehörigen privaten Schlüssel.</translation>
    </message>
    <message>
        <source>This is an OpenSSH key. Convert it to PEM first (for example with &quot;ssh-keygen -p -m PEM -f key&quot;).</source>
        <translation>Dies ist ein OpenSSH-Schlüssel. Wandeln Sie ihn zuerst in PEM um (zum Beispiel mit &quot;ssh-keygen -p -m PEM -f key&quot;).</translation>
    </message>
    <message>
        <source>Unsupported PEM block &quot;%1&quot;; expected &quot;BEGIN PRIVATE KEY&quot; or &quot;BEGIN RSA PRIVATE KEY&quot;.</source>
        <translation>Nicht unterstützter PEM-Block &quot;%1&quot;; erwartet wurde &quot;BEGIN PRIVATE KEY&quot; oder &quot;BEGIN RSA PRIVATE KEY&quot;.</translation>
    </message>
    <message>
        <source>The private key is empty.</source>
        <translation>Der private Schlüssel ist leer.</translation>
    </message>
    <message>
        <source>Could not generate an RSA key of %1 bits.</source>
        <translation>Ein RSA-Schlüssel mit %1 Bit konnte nicht erzeugt werden.</translation>
    </message>
</context>
<context>
    <name>RsaPublicKey</name>
    <message>
        <source>This is not a public key. Paste the consumer&apos;s RSA public key: a block that starts with &quot;-----BEGIN PUBLIC KEY-----&quot;, or the bare base64 text (it usually starts with &quot;MII&quot;).</source>
        <translation>Dies ist kein öffentlicher Schlüssel. Fügen Sie den öffentlichen RSA-Schlüssel des Consumers ein: einen Block, der mit &quot;-----BEGIN PUBLIC KEY-----&quot; beginnt, oder den reinen Base64-Text (er beginnt meist mit &quot;MII&quot;).</translation>
    </message>
    <message>
        <source>The public key is truncated or damaged. Copy it again in full: from &quot;-----BEGIN PUBLIC KEY-----&quot; to &quot;-----END PUBLIC KEY-----&quot;, or the whole base64 text.</source>
        <translation>Der öffentliche Schlüssel ist abgeschnitten oder beschädigt. Kopieren Sie ihn erneut vollständig: von &quot;-----BEGIN PUBLIC KEY-----&quot; bis &quot;-----END PUBLIC KEY-----&quot;, oder den ganzen Base64-Text.</translation>
    </message>
    <message>
        <source>This is a private key. It must stay secret with the consumer application: do not paste it here or send it to anyone. Paste its public key instead (for example the output of &quot;openssl pkey -in private.pem -pubout&quot;).</source>
        <translation>Dies ist ein privater Schlüssel. Er muss bei der Consumer-Anwendung geheim bleiben: Fügen Sie ihn nicht hier ein und senden Sie ihn niemandem. Fügen Sie stattdessen seinen öffentlichen Schlüssel ein (zum Beispiel die Ausgabe von &quot;openssl pkey -in private.pem -pubout&quot;).</translation>
    </message>
    <message>
        <source>This is a &quot;%1&quot; block, not a public key. Paste the consumer&apos;s &quot;-----BEGIN PUBLIC KEY-----&quot; block or its &quot;-----BEGIN CERTIFICATE-----&quot; block.</source>
        <translation>Dies ist ein &quot;%1&quot;-Block, kein öffentlicher Schlüssel. Fügen Sie den Block &quot;-----BEGIN PUBLIC KEY-----&quot; oder den Block &quot;-----BEGIN CERTIFICATE-----&quot; des Consumers ein.</translation>
    </message>
    <message>
        <source>an elliptic-curve (EC)</source>
        <translation>Elliptische Kurve (EC)</translation>
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
        <translation>Nicht-RSA</translation>
    </message>
    <message>
        <source>This RSA key is restricted to RSA-PSS signatures, but Jira&apos;s OAuth consumers sign with RSA-SHA1. Generate a plain RSA key pair of at least %1 bits.</source>
        <translation>Dieser RSA-Schlüssel ist auf RSA-PSS-Signaturen beschränkt, die OAuth-Consumer von Jira signieren aber mit RSA-SHA1. Erzeugen Sie ein einfaches RSA-Schlüsselpaar mit mindestens %1 Bit.</translation>
    </message>
    <message>
        <source>This is %1 key, not an RSA key. Jira&apos;s OAuth consumers sign with RSA-SHA1: generate an RSA key pair of at least %2 bits and paste its public key.</source>
        <translation>Dies ist ein Schlüssel vom Typ %1, kein RSA-Schlüssel. Die OAuth-Consumer von Jira signieren mit RSA-SHA1: Erzeugen Sie ein RSA-Schlüsselpaar mit mindestens %2 Bit und fügen Sie dessen öffentlichen Schlüssel ein.</translation>
    </message>
    <message>
        <source>This RSA key has %1 bits, fewer than the %2 bits required. Generate a new key pair of at least %2 bits and paste its public key.</source>
        <translation>Dieser RSA-Schlüssel hat %1 Bit, weniger als die erforderlichen %2 Bit. Erzeugen Sie ein neues Schlüsselpaar mit mindestens %2 Bit und fügen Sie dessen öffentlichen Schlüssel ein.</translation>
    </message>
    <message>
        <source>This RSA key has %1 bits; Jira accepts at most %2. Generate a key pair of 2048 to 4096 bits.</source>
        <translation>Dieser RSA-Schlüssel hat %1 Bit; Jira akzeptiert höchstens %2. Erzeugen Sie ein Schlüsselpaar mit 2048 bis 4096 Bit.</translation>
    </message>
    <message>
        <source>This is %1 KB of text, far more than a public key (a few hundred characters). Check that you chose the public key file.</source>
        <translation>Dies sind %1 KB Text, weit mehr als ein öffentlicher Schlüssel (einige hundert Zeichen). Prüfen Sie, ob Sie die Datei mit dem öffentlichen Schlüssel gewählt haben.</translation>
    </message>
    <message>
        <source>The public key is empty. Paste the consumer&apos;s RSA public key or load it from a file.</source>
        <translation>Der öffentliche Schlüssel ist leer. Fügen Sie den öffentlichen RSA-Schlüssel des Consumers ein oder laden Sie ihn aus einer Datei.</translation>
    </message>
    <message>
        <source>This is an OpenSSH public key. Convert it to PEM first (for example with &quot;ssh-keygen -e -m PKCS8 -f key.pub&quot;) and paste the result.</source>
        <translation>Dies ist ein öffentlicher OpenSSH-Schlüssel. Wandeln Sie ihn zuerst in PEM um (zum Beispiel mit &quot;ssh-keygen -e -m PKCS8 -f key.pub&quot;) und fügen Sie das Ergebnis ein.</translation>
    </message>
</context>
<context>
    <name>StaleTokenRule</name>
    <message>
        <source>never used</source>
        <translation>nie verwendet</translation>
    </message>
    <message numerus="yes">
        <source>not used in the last %n day(s)</source>
        <translation>
            <numerusform>seit %n Tag nicht verwendet</numerusform>
            <numerusform>seit %n Tagen nicht verwendet</numerusform>
        </translation>
    </message>
    <message>
        <source>expired</source>
        <translation>abgelaufen</translation>
    </message>
    <message numerus="yes">
        <source>expiring within %n day(s)</source>
        <translation>
            <numerusform>läuft innerhalb von %n Tag ab</numerusform>
            <numerusform>läuft innerhalb von %n Tagen ab</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TableViews</name>
    <message>
        <source>Filter (Ctrl+F)</source>
        <translation>Filtern (Strg+F)</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Shows only the rows that contain the text. Esc clears it.</source>
        <translation>Zeigt nur die Zeilen an, die den Text enthalten. Esc leert den Filter.</translation>
    </message>
</context>
<context>
    <name>TokenSweepReceipt</name>
    <message>
        <source>No file name was given for the receipt.</source>
        <translation>Für die Quittung wurde kein Dateiname angegeben.</translation>
    </message>
    <message>
        <source>“%1” already exists.</source>
        <translation>„%1“ existiert bereits.</translation>
    </message>
    <message>
        <source>“%1” is a link; give the path of a regular file.</source>
        <translation>„%1“ ist ein Link; geben Sie den Pfad einer regulären Datei an.</translation>
    </message>
    <message>
        <source>“%1” is not a regular file.</source>
        <translation>„%1“ ist keine reguläre Datei.</translation>
    </message>
    <message>
        <source>The folder “%1” does not exist.</source>
        <translation>Der Ordner „%1“ existiert nicht.</translation>
    </message>
    <message>
        <source>The folder “%1” cannot be written to.</source>
        <translation>In den Ordner „%1“ kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <source>“%1” could not be created: %2</source>
        <translation>„%1“ konnte nicht erstellt werden: %2</translation>
    </message>
    <message>
        <source>“%1” could not be written: %2</source>
        <translation>„%1“ konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>“%1” could not be replaced: %2</source>
        <translation>„%1“ konnte nicht ersetzt werden: %2</translation>
    </message>
</context>
<context>
    <name>accessdesk::AccessGrantModel</name>
    <message>
        <source>expired</source>
        <translation>abgelaufen</translation>
    </message>
    <message>
        <source>expires soon</source>
        <translation>läuft bald ab</translation>
    </message>
    <message>
        <source>never used</source>
        <translation>nie verwendet</translation>
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
        <translation>Persönliches Token</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>Anwendung</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Issued</source>
        <translation>Ausgestellt</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>Zuletzt verwendet</translation>
    </message>
    <message>
        <source>Scopes</source>
        <translation>Bereiche</translation>
    </message>
</context>
<context>
    <name>accessdesk::ActivityModel</name>
    <message>
        <source>Revoke access</source>
        <translation>Zugriff widerrufen</translation>
    </message>
    <message>
        <source>Create personal token</source>
        <translation>Persönliches Token erstellen</translation>
    </message>
    <message>
        <source>Revoke a user&apos;s personal token</source>
        <translation>Persönliches Token eines Benutzers widerrufen</translation>
    </message>
    <message>
        <source>Allow a request for access</source>
        <translation>Zugriffsanfrage erlauben</translation>
    </message>
    <message>
        <source>Deny a request for access</source>
        <translation>Zugriffsanfrage ablehnen</translation>
    </message>
    <message>
        <source>Create an application link</source>
        <translation>Anwendungslink erstellen</translation>
    </message>
    <message>
        <source>Change an application link</source>
        <translation>Anwendungslink ändern</translation>
    </message>
    <message>
        <source>Relocate an application link</source>
        <translation>Anwendungslink verlegen</translation>
    </message>
    <message>
        <source>Make an application link primary</source>
        <translation>Anwendungslink zum primären Link machen</translation>
    </message>
    <message>
        <source>Set up OAuth on an application link</source>
        <translation>OAuth auf einem Anwendungslink einrichten</translation>
    </message>
    <message>
        <source>Delete an application link</source>
        <translation>Anwendungslink löschen</translation>
    </message>
    <message>
        <source>Delete an application link on both ends</source>
        <translation>Anwendungslink auf beiden Seiten löschen</translation>
    </message>
    <message>
        <source>Approve an OAuth consumer</source>
        <translation>OAuth-Consumer genehmigen</translation>
    </message>
    <message>
        <source>Remove an OAuth consumer</source>
        <translation>OAuth-Consumer entfernen</translation>
    </message>
    <message>
        <source>Create an OAuth 2.0 client</source>
        <translation>OAuth 2.0-Client erstellen</translation>
    </message>
    <message>
        <source>Change an OAuth 2.0 client</source>
        <translation>OAuth 2.0-Client ändern</translation>
    </message>
    <message>
        <source>Reset an OAuth 2.0 client&apos;s secret</source>
        <translation>Geheimnis eines OAuth 2.0-Clients zurücksetzen</translation>
    </message>
    <message>
        <source>Delete an OAuth 2.0 client</source>
        <translation>OAuth 2.0-Client löschen</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>succeeded</source>
        <translation>erfolgreich</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>unknown (interrupted)</source>
        <translation>unbekannt (unterbrochen)</translation>
    </message>
    <message>
        <source>unknown (not confirmed)</source>
        <translation>unbekannt (nicht bestätigt)</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Abgeschlossen</translation>
    </message>
</context>
<context>
    <name>accessdesk::ActivityPage</name>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Aktivität</translation>
    </message>
    <message>
        <source>Filter activity</source>
        <translation>Aktivität filtern</translation>
    </message>
    <message>
        <source>All outcomes</source>
        <translation>Alle Ergebnisse</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>Erfolgreich</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Unknown (interrupted)</source>
        <translation>Unbekannt (unterbrochen)</translation>
    </message>
    <message>
        <source>Unknown (not confirmed)</source>
        <translation>Unbekannt (nicht bestätigt)</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Show outcome</source>
        <translation>Ergebnis anzeigen</translation>
    </message>
    <message>
        <source>Show only actions with this outcome</source>
        <translation>Nur Aktionen mit diesem Ergebnis anzeigen</translation>
    </message>
    <message>
        <source>Refresh the activity</source>
        <translation>Aktivität aktualisieren</translation>
    </message>
    <message>
        <source>Export the shown activity as CSV</source>
        <translation>Angezeigte Aktivität als CSV exportieren</translation>
    </message>
    <message>
        <source>Save the rows shown (after filtering) as a CSV file</source>
        <translation>Die angezeigten Zeilen (nach dem Filtern) als CSV-Datei speichern</translation>
    </message>
    <message>
        <source>Activity entries</source>
        <translation>Aktivitätseinträge</translation>
    </message>
    <message>
        <source>Activity details</source>
        <translation>Aktivitätsdetails</translation>
    </message>
    <message>
        <source>No activity yet</source>
        <translation>Noch keine Aktivität</translation>
    </message>
    <message>
        <source>Activity status</source>
        <translation>Aktivitätsstatus</translation>
    </message>
    <message>
        <source>The activity record is not available, so changes made now are not listed here.</source>
        <translation>Das Aktivitätsprotokoll ist nicht verfügbar, daher werden jetzt vorgenommene Änderungen hier nicht aufgeführt.</translation>
    </message>
    <message>
        <source>The activity record could not be read: %1</source>
        <translation>Das Aktivitätsprotokoll konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Nothing has been changed from this computer yet.

Every change made with AccessDesk — revoking access, creating a personal token, administering a server — will be listed here: when it happened, on which server, as which user, and whether it worked. A change that was cut short before the server answered is listed as “unknown (interrupted)”, so nothing goes unrecorded.</source>
        <translation>Von diesem Computer aus wurde noch nichts geändert.

Jede mit AccessDesk vorgenommene Änderung – Zugriff widerrufen, ein persönliches Token erstellen, einen Server verwalten – wird hier aufgeführt: wann sie erfolgte, auf welchem Server, als welcher Benutzer und ob sie funktioniert hat. Eine Änderung, die abgebrochen wurde, bevor der Server antwortete, wird als „unbekannt (unterbrochen)“ aufgeführt, sodass nichts unprotokolliert bleibt.</translation>
    </message>
    <message>
        <source>Could not read the activity record: %1</source>
        <translation>Das Aktivitätsprotokoll konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>1 entry</source>
        <translation>1 Eintrag</translation>
    </message>
    <message>
        <source>%1 entries</source>
        <translation>%1 Einträge</translation>
    </message>
    <message>
        <source>No entry matches the filter (%1 in all).</source>
        <translation>Kein Eintrag entspricht dem Filter (%1 insgesamt).</translation>
    </message>
    <message>
        <source>%1 of %2 entries shown</source>
        <translation>%1 von %2 Einträgen angezeigt</translation>
    </message>
    <message>
        <source>(only the newest %1 are listed)</source>
        <translation>(nur die neuesten %1 werden aufgeführt)</translation>
    </message>
    <message>
        <source>Select an entry to see all it records.</source>
        <translation>Wählen Sie einen Eintrag aus, um alles zu sehen, was er enthält.</translation>
    </message>
    <message>
        <source>Outcome: %1</source>
        <translation>Ergebnis: %1</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <source>Started: %1</source>
        <translation>Begonnen: %1</translation>
    </message>
    <message>
        <source>Completed: %1</source>
        <translation>Abgeschlossen: %1</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>Server: %1</translation>
    </message>
    <message>
        <source>Profile: %1</source>
        <translation>Profil: %1</translation>
    </message>
    <message>
        <source>User: %1</source>
        <translation>Benutzer: %1</translation>
    </message>
    <message>
        <source>AccessDesk stopped before the server answered, so it is not known whether this change was made. Check the server to be sure.</source>
        <translation>AccessDesk wurde beendet, bevor der Server antwortete, daher ist nicht bekannt, ob diese Änderung vorgenommen wurde. Prüfen Sie den Server, um sicherzugehen.</translation>
    </message>
    <message>
        <source>The request was sent, but its answer was lost and AccessDesk could not see afterwards whether the change was made. Check the server to be sure.</source>
        <translation>Die Anfrage wurde gesendet, aber ihre Antwort ging verloren, und AccessDesk konnte danach nicht feststellen, ob die Änderung vorgenommen wurde. Prüfen Sie den Server, um sicherzugehen.</translation>
    </message>
</context>
<context>
    <name>accessdesk::AdminClientsTab</name>
    <message>
        <source>OAuth 2.0 clients</source>
        <translation>OAuth 2.0-Clients</translation>
    </message>
    <message>
        <source>&amp;Create…</source>
        <translation>&amp;Erstellen…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>Reset &amp;secret…</source>
        <translation>&amp;Geheimnis zurücksetzen…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>No OAuth 2.0 clients are registered on this server.</source>
        <translation>Auf diesem Server sind keine OAuth 2.0-Clients registriert.</translation>
    </message>
    <message>
        <source>Create an OAuth 2.0 client</source>
        <translation>OAuth 2.0-Client erstellen</translation>
    </message>
    <message>
        <source>Edit the selected OAuth 2.0 client</source>
        <translation>Ausgewählten OAuth 2.0-Client bearbeiten</translation>
    </message>
    <message>
        <source>Reset the secret of the selected OAuth 2.0 client</source>
        <translation>Geheimnis des ausgewählten OAuth 2.0-Clients zurücksetzen</translation>
    </message>
    <message>
        <source>Give the client a new secret; the old one stops working (asks first)</source>
        <translation>Dem Client ein neues Geheimnis geben; das alte funktioniert nicht mehr (mit Rückfrage)</translation>
    </message>
    <message>
        <source>Delete the selected OAuth 2.0 client</source>
        <translation>Ausgewählten OAuth 2.0-Client löschen</translation>
    </message>
    <message>
        <source>Delete the client and every authorisation made through it (asks first)</source>
        <translation>Den Client und jede über ihn erteilte Autorisierung löschen (mit Rückfrage)</translation>
    </message>
    <message>
        <source>OAuth 2.0 clients are not available</source>
        <translation>OAuth 2.0-Clients sind nicht verfügbar</translation>
    </message>
    <message>
        <source>No OAuth 2.0 provider on this server</source>
        <translation>Kein OAuth 2.0-Anbieter auf diesem Server</translation>
    </message>
    <message>
        <source>Check &amp;again</source>
        <translation>Erneut &amp;prüfen</translation>
    </message>
    <message>
        <source>Check again whether the server has OAuth 2.0 clients</source>
        <translation>Erneut prüfen, ob der Server OAuth 2.0-Clients hat</translation>
    </message>
    <message>
        <source>1 OAuth 2.0 client</source>
        <translation>1 OAuth 2.0-Client</translation>
    </message>
    <message>
        <source>%1 OAuth 2.0 clients</source>
        <translation>%1 OAuth 2.0-Clients</translation>
    </message>
    <message>
        <source>Reset client secret</source>
        <translation>Client-Geheimnis zurücksetzen</translation>
    </message>
    <message>
        <source>Reset the secret of the OAuth 2.0 client “%1” (client ID %2)?</source>
        <translation>Das Geheimnis des OAuth 2.0-Clients „%1“ (Client-ID %2) zurücksetzen?</translation>
    </message>
    <message>
        <source>Reset secret</source>
        <translation>Geheimnis zurücksetzen</translation>
    </message>
    <message>
        <source>Delete OAuth 2.0 client</source>
        <translation>OAuth 2.0-Client löschen</translation>
    </message>
    <message>
        <source>Delete the OAuth 2.0 client “%1” (client ID %2)?</source>
        <translation>Den OAuth 2.0-Client „%1“ (Client-ID %2) löschen?</translation>
    </message>
    <message>
        <source>Delete client</source>
        <translation>Client löschen</translation>
    </message>
</context>
<context>
    <name>accessdesk::AdminConsumersTab</name>
    <message>
        <source>OAuth consumers</source>
        <translation>OAuth-Consumer</translation>
    </message>
    <message>
        <source>&amp;Approve consumer…</source>
        <translation>Consumer &amp;genehmigen…</translation>
    </message>
    <message>
        <source>Re&amp;move…</source>
        <translation>&amp;Entfernen…</translation>
    </message>
    <message>
        <source>No application link has an incoming OAuth consumer, so no application can ask users for access through OAuth 1.0a.</source>
        <translation>Kein Anwendungslink hat einen eingehenden OAuth-Consumer, daher kann keine Anwendung Benutzer über OAuth 1.0a um Zugriff bitten.</translation>
    </message>
    <message>
        <source>Approve an OAuth consumer</source>
        <translation>OAuth-Consumer genehmigen</translation>
    </message>
    <message>
        <source>Remove the selected OAuth consumer</source>
        <translation>Ausgewählten OAuth-Consumer entfernen</translation>
    </message>
    <message>
        <source>Remove the selected consumer from its application link (asks first)</source>
        <translation>Den ausgewählten Consumer von seinem Anwendungslink entfernen (mit Rückfrage)</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>1 OAuth consumer</source>
        <translation>1 OAuth-Consumer</translation>
    </message>
    <message>
        <source>%1 OAuth consumers</source>
        <translation>%1 OAuth-Consumer</translation>
    </message>
    <message>
        <source>Create an application link for the application first</source>
        <translation>Erstellen Sie zuerst einen Anwendungslink für die Anwendung</translation>
    </message>
    <message>
        <source>Approve an application as an OAuth consumer of one of the application links</source>
        <translation>Eine Anwendung als OAuth-Consumer eines der Anwendungslinks genehmigen</translation>
    </message>
    <message>
        <source>Remove the OAuth consumer “%1” (key %2) from the application link “%3”?</source>
        <translation>Den OAuth-Consumer „%1“ (Key %2) vom Anwendungslink „%3“ entfernen?</translation>
    </message>
    <message>
        <source>Remove OAuth consumer</source>
        <translation>OAuth-Consumer entfernen</translation>
    </message>
    <message>
        <source>Remove consumer</source>
        <translation>Consumer entfernen</translation>
    </message>
</context>
<context>
    <name>accessdesk::AdminJob</name>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
</context>
<context>
    <name>accessdesk::AdminLinksTab</name>
    <message>
        <source>Application links</source>
        <translation>Anwendungslinks</translation>
    </message>
    <message>
        <source>This server has no application links. Links connect Jira with Confluence, Bamboo, Bitbucket or other applications: press “New link…” to create one.</source>
        <translation>Dieser Server hat keine Anwendungslinks. Links verbinden Jira mit Confluence, Bamboo, Bitbucket oder anderen Anwendungen: Klicken Sie auf „Neuer Link…“, um einen zu erstellen.</translation>
    </message>
    <message>
        <source>&amp;New link…</source>
        <translation>&amp;Neuer Link…</translation>
    </message>
    <message>
        <source>Create an application link</source>
        <translation>Anwendungslink erstellen</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>Edit the selected application link</source>
        <translation>Ausgewählten Anwendungslink bearbeiten</translation>
    </message>
    <message>
        <source>Re&amp;locate…</source>
        <translation>&amp;Verlegen…</translation>
    </message>
    <message>
        <source>Relocate the selected application link</source>
        <translation>Ausgewählten Anwendungslink verlegen</translation>
    </message>
    <message>
        <source>Make &amp;primary</source>
        <translation>Zum &amp;primären machen</translation>
    </message>
    <message>
        <source>Make the selected application link primary</source>
        <translation>Ausgewählten Anwendungslink zum primären Link machen</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>Delete the selected application link</source>
        <translation>Ausgewählten Anwendungslink löschen</translation>
    </message>
    <message>
        <source>C&amp;heck</source>
        <translation>P&amp;rüfen</translation>
    </message>
    <message>
        <source>Check the health of the selected application links</source>
        <translation>Zustand der ausgewählten Anwendungslinks prüfen</translation>
    </message>
    <message>
        <source>Check &amp;all</source>
        <translation>&amp;Alle prüfen</translation>
    </message>
    <message>
        <source>Check the health of every application link</source>
        <translation>Zustand aller Anwendungslinks prüfen</translation>
    </message>
    <message>
        <source>Cancel check</source>
        <translation>Prüfung abbrechen</translation>
    </message>
    <message>
        <source>Cancel the health check</source>
        <translation>Zustandsprüfung abbrechen</translation>
    </message>
    <message>
        <source>Progress of the health check</source>
        <translation>Fortschritt der Zustandsprüfung</translation>
    </message>
    <message>
        <source>Delete on this Jira only…</source>
        <translation>Nur in diesem Jira löschen…</translation>
    </message>
    <message>
        <source>Delete on both ends…</source>
        <translation>Auf beiden Seiten löschen…</translation>
    </message>
    <message>
        <source>1 application link</source>
        <translation>1 Anwendungslink</translation>
    </message>
    <message>
        <source>%1 application links</source>
        <translation>%1 Anwendungslinks</translation>
    </message>
    <message>
        <source>%1 (and 1 OAuth 2.0 integration, on the OAuth 2.0 clients tab)</source>
        <translation>%1 (und 1 OAuth 2.0-Integration, auf dem Reiter „OAuth 2.0-Clients“)</translation>
    </message>
    <message>
        <source>%1 (and %2 OAuth 2.0 integrations, on the OAuth 2.0 clients tab)</source>
        <translation>%1 (und %2 OAuth 2.0-Integrationen, auf dem Reiter „OAuth 2.0-Clients“)</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>Available once the list of application links has loaded.</source>
        <translation>Verfügbar, sobald die Liste der Anwendungslinks geladen ist.</translation>
    </message>
    <message>
        <source>Create a link to another application</source>
        <translation>Einen Link zu einer anderen Anwendung erstellen</translation>
    </message>
    <message>
        <source>Change the link&apos;s name and addresses</source>
        <translation>Namen und Adressen des Links ändern</translation>
    </message>
    <message>
        <source>Point the link at the application&apos;s new address after a server move</source>
        <translation>Den Link nach einem Serverumzug auf die neue Adresse der Anwendung richten</translation>
    </message>
    <message>
        <source>“%1” is the primary link to %2 already.</source>
        <translation>„%1“ ist bereits der primäre Link zu %2.</translation>
    </message>
    <message>
        <source>Make the link the one Jira uses first for its type of application</source>
        <translation>Den Link zu dem machen, den Jira für seinen Anwendungstyp zuerst verwendet</translation>
    </message>
    <message>
        <source>Delete the link here, or on both ends</source>
        <translation>Den Link hier oder auf beiden Seiten löschen</translation>
    </message>
    <message>
        <source>A check is under way.</source>
        <translation>Eine Prüfung läuft.</translation>
    </message>
    <message>
        <source>Select the links to check first.</source>
        <translation>Wählen Sie zuerst die zu prüfenden Links aus.</translation>
    </message>
    <message>
        <source>Ask Jira whether the selected links work</source>
        <translation>Jira fragen, ob die ausgewählten Links funktionieren</translation>
    </message>
    <message>
        <source>There are no links to check.</source>
        <translation>Es gibt keine Links zu prüfen.</translation>
    </message>
    <message>
        <source>Ask Jira whether every link works</source>
        <translation>Jira fragen, ob alle Links funktionieren</translation>
    </message>
    <message>
        <source>Checking 1 link…</source>
        <translation>1 Link wird geprüft…</translation>
    </message>
    <message>
        <source>Checked %1 of %2 links</source>
        <translation>%1 von %2 Links geprüft</translation>
    </message>
    <message>
        <source>Wait until the change under way has finished.</source>
        <translation>Warten Sie, bis die laufende Änderung abgeschlossen ist.</translation>
    </message>
    <message>
        <source>Select a link first.</source>
        <translation>Wählen Sie zuerst einen Link aus.</translation>
    </message>
    <message>
        <source>Select only one link.</source>
        <translation>Wählen Sie nur einen Link aus.</translation>
    </message>
    <message>
        <source>“%1” is a system link: the application manages it, so it cannot be changed here.</source>
        <translation>„%1“ ist ein Systemlink: Die Anwendung verwaltet ihn, daher kann er hier nicht geändert werden.</translation>
    </message>
    <message>
        <source>“%1” is now the primary link to %2.</source>
        <translation>„%1“ ist jetzt der primäre Link zu %2.</translation>
    </message>
    <message>
        <source>Delete both ends of the link</source>
        <translation>Beide Seiten des Links löschen</translation>
    </message>
    <message>
        <source>Delete the application link</source>
        <translation>Anwendungslink löschen</translation>
    </message>
    <message>
        <source>Delete both ends</source>
        <translation>Beide Seiten löschen</translation>
    </message>
    <message>
        <source>Delete link</source>
        <translation>Link löschen</translation>
    </message>
    <message>
        <source>“%1” was deleted on both ends.</source>
        <translation>„%1“ wurde auf beiden Seiten gelöscht.</translation>
    </message>
    <message>
        <source>“%1” was deleted on this Jira.</source>
        <translation>„%1“ wurde in diesem Jira gelöscht.</translation>
    </message>
</context>
<context>
    <name>accessdesk::AdminListTab</name>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <source>Filter %1</source>
        <translation>%1 filtern</translation>
    </message>
    <message>
        <source>Refresh %1</source>
        <translation>%1 aktualisieren</translation>
    </message>
    <message>
        <source>Export %1 as CSV</source>
        <translation>%1 als CSV exportieren</translation>
    </message>
    <message>
        <source>Save the rows shown (after filtering) as a CSV file</source>
        <translation>Die angezeigten Zeilen (nach dem Filtern) als CSV-Datei speichern</translation>
    </message>
    <message>
        <source>Problem with %1</source>
        <translation>Problem mit %1</translation>
    </message>
    <message>
        <source>Details of the selected %1</source>
        <translation>Details zu ausgewählten %1</translation>
    </message>
    <message>
        <source>Status of %1</source>
        <translation>Status von %1</translation>
    </message>
    <message>
        <source>Loading from the server…</source>
        <translation>Wird vom Server geladen…</translation>
    </message>
    <message>
        <source>%1, loaded at %2</source>
        <translation>%1, geladen um %2</translation>
    </message>
    <message>
        <source>%1 rows selected.</source>
        <translation>%1 Zeilen ausgewählt.</translation>
    </message>
    <message>
        <source>Nothing to show yet.</source>
        <translation>Noch nichts anzuzeigen.</translation>
    </message>
    <message>
        <source>Select a row to see its details.</source>
        <translation>Wählen Sie eine Zeile aus, um ihre Details zu sehen.</translation>
    </message>
</context>
<context>
    <name>accessdesk::AdminTableModel</name>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
</context>
<context>
    <name>accessdesk::AdminTokenController</name>
    <message>
        <source>No user&apos;s name, display name or e-mail contains “%1”, so there are no tokens to show.</source>
        <translation>Kein Benutzername, Anzeigename und keine E-Mail-Adresse enthält „%1“, daher gibt es keine Token anzuzeigen.</translation>
    </message>
    <message>
        <source>More than %1 users match “%2”. Type more of the name, or a whole user name or e-mail address.</source>
        <translation>Mehr als %1 Benutzer entsprechen „%2“. Geben Sie mehr vom Namen ein, oder einen vollständigen Benutzernamen bzw. eine E-Mail-Adresse.</translation>
    </message>
    <message>
        <source>The owner “%1” could not be looked up. %2</source>
        <translation>Der Besitzer „%1“ konnte nicht nachgeschlagen werden. %2</translation>
    </message>
    <message>
        <source>The search stopped part-way. %1 The tokens loaded before that are shown; press Refresh to load them all.</source>
        <translation>Die Suche wurde vorzeitig beendet. %1 Die bis dahin geladenen Token werden angezeigt; klicken Sie auf „Aktualisieren“, um alle zu laden.</translation>
    </message>
</context>
<context>
    <name>accessdesk::AdminTokenRevoker</name>
    <message>
        <source>Not sent: the activity record could not be written.</source>
        <translation>Nicht gesendet: Das Aktivitätsprotokoll konnte nicht geschrieben werden.</translation>
    </message>
</context>
<context>
    <name>accessdesk::AdminTokensTab</name>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <source>Revoke selected…</source>
        <translation>Ausgewählte widerrufen…</translation>
    </message>
    <message>
        <source>Sweep stale tokens…</source>
        <translation>Veraltete Token bereinigen…</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Personal tokens</source>
        <translation>Persönliche Token</translation>
    </message>
    <message>
        <source>Problem with the token search</source>
        <translation>Problem mit der Tokensuche</translation>
    </message>
    <message>
        <source>Details of the selected token</source>
        <translation>Details zum ausgewählten Token</translation>
    </message>
    <message>
        <source>Token search progress</source>
        <translation>Fortschritt der Tokensuche</translation>
    </message>
    <message>
        <source>Stop the token search</source>
        <translation>Tokensuche anhalten</translation>
    </message>
    <message>
        <source>Stop loading; the tokens loaded so far stay in the list.</source>
        <translation>Laden anhalten; die bisher geladenen Token bleiben in der Liste.</translation>
    </message>
    <message>
        <source>Filter the tokens loaded</source>
        <translation>Geladene Token filtern</translation>
    </message>
    <message>
        <source>Narrows the tokens loaded by name or owner; does not ask the server.</source>
        <translation>Grenzt die geladenen Token nach Name oder Besitzer ein; fragt nicht beim Server an.</translation>
    </message>
    <message>
        <source>Refresh the token search</source>
        <translation>Tokensuche aktualisieren</translation>
    </message>
    <message>
        <source>Run the last search again</source>
        <translation>Letzte Suche erneut ausführen</translation>
    </message>
    <message>
        <source>Export the tokens shown as CSV</source>
        <translation>Angezeigte Token als CSV exportieren</translation>
    </message>
    <message>
        <source>Save the rows shown (after filtering) as a CSV file</source>
        <translation>Die angezeigten Zeilen (nach dem Filtern) als CSV-Datei speichern</translation>
    </message>
    <message>
        <source>Revoke the selected tokens</source>
        <translation>Ausgewählte Token widerrufen</translation>
    </message>
    <message>
        <source>Sweep stale tokens</source>
        <translation>Veraltete Token bereinigen</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Suche läuft…</translation>
    </message>
    <message>
        <source>Loaded %1 of ~1 token…</source>
        <translation>%1 von ~1 Token geladen…</translation>
    </message>
    <message>
        <source>Loaded %1 of ~%2 tokens…</source>
        <translation>%1 von ~%2 Token geladen…</translation>
    </message>
    <message>
        <source>%1 found; checked %2 of ~1 token…</source>
        <translation>%1 gefunden; %2 von ~1 Token geprüft…</translation>
    </message>
    <message>
        <source>%1 found; checked %2 of ~%3 tokens…</source>
        <translation>%1 gefunden; %2 von ~%3 Token geprüft…</translation>
    </message>
    <message>
        <source>Stopped: %1 of ~1 token loaded. Search again to load them all.</source>
        <translation>Angehalten: %1 von ~1 Token geladen. Suchen Sie erneut, um alle zu laden.</translation>
    </message>
    <message>
        <source>Stopped: %1 of ~%2 tokens loaded. Search again to load them all.</source>
        <translation>Angehalten: %1 von ~%2 Token geladen. Suchen Sie erneut, um alle zu laden.</translation>
    </message>
    <message>
        <source>No token matches the search (searched at %1).</source>
        <translation>Kein Token entspricht der Suche (gesucht um %1).</translation>
    </message>
    <message>
        <source>1 token, loaded at %1.</source>
        <translation>1 Token, geladen um %1.</translation>
    </message>
    <message>
        <source>%1 tokens, loaded at %2.</source>
        <translation>%1 Token, geladen um %2.</translation>
    </message>
    <message>
        <source>1 token loaded.</source>
        <translation>1 Token geladen.</translation>
    </message>
    <message>
        <source>%1 tokens loaded.</source>
        <translation>%1 Token geladen.</translation>
    </message>
    <message>
        <source>The filter shows %1 of them.</source>
        <translation>Der Filter zeigt %1 davon.</translation>
    </message>
    <message>
        <source>Only Jira system administrators can revoke other users&apos; personal access tokens, and only on Jira Data Center.</source>
        <translation>Nur Jira-Systemadministratoren können persönliche Zugriffstoken anderer Benutzer widerrufen, und nur in Jira Data Center.</translation>
    </message>
    <message>
        <source>Revoke the selected tokens for their owners (asks first)</source>
        <translation>Die ausgewählten Token für ihre Besitzer widerrufen (mit Rückfrage)</translation>
    </message>
    <message>
        <source>Find tokens never used, unused for a while, expired or expiring soon, and revoke them in one go</source>
        <translation>Token finden, die nie oder länger nicht verwendet wurden, abgelaufen sind oder bald ablaufen, und sie in einem Schritt widerrufen</translation>
    </message>
    <message>
        <source>%1 tokens selected.</source>
        <translation>%1 Token ausgewählt.</translation>
    </message>
    <message>
        <source>Select a token to see its details.</source>
        <translation>Wählen Sie ein Token aus, um seine Details zu sehen.</translation>
    </message>
    <message>
        <source>No personal access token matches the search.</source>
        <translation>Kein persönliches Zugriffstoken entspricht der Suche.</translation>
    </message>
    <message>
        <source>Nothing to show yet.</source>
        <translation>Noch nichts anzuzeigen.</translation>
    </message>
</context>
<context>
    <name>accessdesk::AdministrationPage</name>
    <message>
        <source>Administration</source>
        <translation>Verwaltung</translation>
    </message>
    <message>
        <source>Administration lists</source>
        <translation>Verwaltungslisten</translation>
    </message>
    <message>
        <source>Application links</source>
        <translation>Anwendungslinks</translation>
    </message>
    <message>
        <source>OAuth consumers</source>
        <translation>OAuth-Consumer</translation>
    </message>
    <message>
        <source>OAuth 2.0 clients</source>
        <translation>OAuth 2.0-Clients</translation>
    </message>
    <message>
        <source>Personal tokens</source>
        <translation>Persönliche Token</translation>
    </message>
</context>
<context>
    <name>accessdesk::AppLinkAddressPage</name>
    <message>
        <source>Address of the application</source>
        <translation>Adresse der Anwendung</translation>
    </message>
    <message>
        <source>Create a &amp;generic link to it anyway: it works once the application answers there</source>
        <translation>Trotzdem einen &amp;generischen Link dorthin erstellen: Er funktioniert, sobald die Anwendung dort antwortet</translation>
    </message>
    <message>
        <source>Create a generic link anyway</source>
        <translation>Trotzdem einen generischen Link erstellen</translation>
    </message>
    <message>
        <source>Which application?</source>
        <translation>Welche Anwendung?</translation>
    </message>
    <message>
        <source>Enter the address of the application to link Jira with. Jira then asks what answers there, and fills in its type and name.</source>
        <translation>Geben Sie die Adresse der Anwendung ein, mit der Jira verlinkt werden soll. Jira fragt dann, was dort antwortet, und trägt Typ und Namen ein.</translation>
    </message>
    <message>
        <source>For example: https://confluence.example.com</source>
        <translation>Zum Beispiel: https://confluence.example.com</translation>
    </message>
    <message>
        <source>What Jira found at the address</source>
        <translation>Was Jira unter der Adresse gefunden hat</translation>
    </message>
    <message>
        <source>Application &amp;URL:</source>
        <translation>Anwendungs-&amp;URL:</translation>
    </message>
    <message>
        <source>Address problem</source>
        <translation>Adressproblem</translation>
    </message>
    <message>
        <source>Asking Jira what answers at %1…</source>
        <translation>Jira wird gefragt, was unter %1 antwortet…</translation>
    </message>
</context>
<context>
    <name>accessdesk::AppLinkAuthenticationPage</name>
    <message>
        <source>Remote administrator&apos;s user name</source>
        <translation>Benutzername des entfernten Administrators</translation>
    </message>
    <message>
        <source>Remote administrator&apos;s password</source>
        <translation>Passwort des entfernten Administrators</translation>
    </message>
    <message>
        <source>The two applications have the &amp;same users (OAuth with impersonation)</source>
        <translation>Die beiden Anwendungen haben die&amp;selben Benutzer (OAuth mit Identitätswechsel)</translation>
    </message>
    <message>
        <source>Share users</source>
        <translation>Benutzer teilen</translation>
    </message>
    <message>
        <source>Address the remote application reaches Jira at</source>
        <translation>Adresse, unter der die entfernte Anwendung Jira erreicht</translation>
    </message>
    <message>
        <source>OAuth on this end</source>
        <translation>OAuth auf dieser Seite</translation>
    </message>
    <message>
        <source>Incoming OAuth</source>
        <translation>Eingehendes OAuth</translation>
    </message>
    <message>
        <source>Outgoing OAuth</source>
        <translation>Ausgehendes OAuth</translation>
    </message>
    <message>
        <source>Authentication</source>
        <translation>Authentifizierung</translation>
    </message>
    <message>
        <source>How the two applications trust each other: with OAuth each can act for the other&apos;s users.</source>
        <translation>Wie die beiden Anwendungen einander vertrauen: Mit OAuth kann jede im Namen der Benutzer der anderen handeln.</translation>
    </message>
    <message>
        <source>Jira&apos;s base URL</source>
        <translation>Basis-URL von Jira</translation>
    </message>
    <message>
        <source>Jira creates the link on the remote application too, and sets up OAuth on both ends. It needs an administrator account there: the password is used once for this and never stored.</source>
        <translation>Jira erstellt den Link auch auf der entfernten Anwendung und richtet OAuth auf beiden Seiten ein. Dazu ist dort ein Administratorkonto nötig: Das Passwort wird einmalig dafür verwendet und nie gespeichert.</translation>
    </message>
    <message>
        <source>Remote &amp;user name:</source>
        <translation>Entfernter &amp;Benutzername:</translation>
    </message>
    <message>
        <source>Remote user name problem</source>
        <translation>Problem mit dem entfernten Benutzernamen</translation>
    </message>
    <message>
        <source>Remote pass&amp;word:</source>
        <translation>Entferntes Pass&amp;wort:</translation>
    </message>
    <message>
        <source>Remote password problem</source>
        <translation>Problem mit dem entfernten Passwort</translation>
    </message>
    <message>
        <source>Share users problem</source>
        <translation>Problem beim Teilen der Benutzer</translation>
    </message>
    <message>
        <source>Jira&apos;s address for &amp;it:</source>
        <translation>&amp;Jira-Adresse für die Anwendung:</translation>
    </message>
    <message>
        <source>Jira&apos;s address problem</source>
        <translation>Problem mit der Jira-Adresse</translation>
    </message>
    <message>
        <source>&amp;Incoming (the application acts in Jira):</source>
        <translation>&amp;Eingehend (die Anwendung handelt in Jira):</translation>
    </message>
    <message>
        <source>Incoming OAuth problem</source>
        <translation>Problem mit eingehendem OAuth</translation>
    </message>
    <message>
        <source>&amp;Outgoing (Jira acts in the application):</source>
        <translation>&amp;Ausgehend (Jira handelt in der Anwendung):</translation>
    </message>
    <message>
        <source>Two-way link problem</source>
        <translation>Problem mit dem wechselseitigen Link</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <source>OAuth</source>
        <translation>OAuth</translation>
    </message>
    <message>
        <source>OAuth with impersonation</source>
        <translation>OAuth mit Identitätswechsel</translation>
    </message>
    <message>
        <source>Also create the other end on %1 (two-way link)</source>
        <translation>Die andere Seite auch auf %1 erstellen (wechselseitiger Link)</translation>
    </message>
    <message>
        <source>Two-way link</source>
        <translation>Wechselseitiger Link</translation>
    </message>
    <message>
        <source>Only system administrators may link with impersonation.</source>
        <translation>Nur Systemadministratoren dürfen mit Identitätswechsel verlinken.</translation>
    </message>
    <message>
        <source>Users of one application act as the same users in the other.</source>
        <translation>Benutzer der einen Anwendung handeln als dieselben Benutzer in der anderen.</translation>
    </message>
    <message>
        <source>A two-way link sets up OAuth on both ends itself.</source>
        <translation>Ein wechselseitiger Link richtet OAuth auf beiden Seiten selbst ein.</translation>
    </message>
</context>
<context>
    <name>accessdesk::AppLinkChange</name>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>Nothing was sent: the activity log could not record the change (%1).</source>
        <translation>Nichts wurde gesendet: Das Aktivitätsprotokoll konnte die Änderung nicht aufzeichnen (%1).</translation>
    </message>
    <message>
        <source>Check that the disk is writable, then try again.</source>
        <translation>Prüfen Sie, ob auf die Festplatte geschrieben werden kann, und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>Cancelled after the request was sent: whether the change was made is unknown.</source>
        <translation>Abgebrochen, nachdem die Anfrage gesendet wurde: Ob die Änderung vorgenommen wurde, ist unbekannt.</translation>
    </message>
    <message>
        <source>Refresh the list of links to see.</source>
        <translation>Aktualisieren Sie die Liste der Links, um es zu sehen.</translation>
    </message>
    <message>
        <source>Jira&apos;s answer was lost, and the link could not be read back either (%1): whether the change was made is unknown.</source>
        <translation>Die Antwort von Jira ging verloren, und der Link konnte auch nicht erneut gelesen werden (%1): Ob die Änderung vorgenommen wurde, ist unbekannt.</translation>
    </message>
    <message>
        <source>Jira&apos;s answer was lost, and the link does not show the change (yet): it may still happen.</source>
        <translation>Die Antwort von Jira ging verloren, und der Link zeigt die Änderung (noch) nicht: Sie kann noch erfolgen.</translation>
    </message>
    <message>
        <source>Jira said the change was made, but reading the link back failed (%1).</source>
        <translation>Jira meldete, dass die Änderung vorgenommen wurde, aber das erneute Lesen des Links ist fehlgeschlagen (%1).</translation>
    </message>
    <message>
        <source>Jira said the change was made, but the link does not show it.</source>
        <translation>Jira meldete, dass die Änderung vorgenommen wurde, aber der Link zeigt sie nicht.</translation>
    </message>
    <message>
        <source>Refresh the list of links before trying again.</source>
        <translation>Aktualisieren Sie die Liste der Links, bevor Sie es erneut versuchen.</translation>
    </message>
</context>
<context>
    <name>accessdesk::AppLinkChangeDialog</name>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Working…</source>
        <translation>In Arbeit…</translation>
    </message>
</context>
<context>
    <name>accessdesk::AppLinkCreatePage</name>
    <message>
        <source>Create the link</source>
        <translation>Link erstellen</translation>
    </message>
    <message>
        <source>Check what Jira will create, then press Create.</source>
        <translation>Prüfen Sie, was Jira erstellen wird, und klicken Sie dann auf „Erstellen“.</translation>
    </message>
    <message>
        <source>&amp;Create</source>
        <translation>&amp;Erstellen</translation>
    </message>
    <message>
        <source>What will be created</source>
        <translation>Was erstellt wird</translation>
    </message>
    <message>
        <source>Steps of the creation</source>
        <translation>Schritte der Erstellung</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Jira creates the link “%1” to %2 (%3).</source>
        <translation>Jira erstellt den Link „%1“ zu %2 (%3).</translation>
    </message>
    <message>
        <source>It becomes the primary link to %1.</source>
        <translation>Er wird der primäre Link zu %1.</translation>
    </message>
    <message>
        <source>It also creates the other end on %1 with the administrator account “%2”, and sets up OAuth on both ends.</source>
        <translation>Jira erstellt außerdem die andere Seite auf %1 mit dem Administratorkonto „%2“ und richtet OAuth auf beiden Seiten ein.</translation>
    </message>
    <message>
        <source>It also creates the other end on %1 with an administrator account there, and sets up OAuth on both ends.</source>
        <translation>Jira erstellt außerdem die andere Seite auf %1 mit einem dortigen Administratorkonto und richtet OAuth auf beiden Seiten ein.</translation>
    </message>
    <message>
        <source>OAuth on this end: incoming %1, outgoing %2.</source>
        <translation>OAuth auf dieser Seite: eingehend %1, ausgehend %2.</translation>
    </message>
    <message>
        <source>A generic link has no OAuth of its own: to let the application act for Jira&apos;s users, approve its consumer on the OAuth consumers tab afterwards.</source>
        <translation>Ein generischer Link hat kein eigenes OAuth: Damit die Anwendung im Namen der Jira-Benutzer handeln kann, genehmigen Sie anschließend ihren Consumer auf dem Reiter „OAuth-Consumer“.</translation>
    </message>
    <message>
        <source>Check the name and address against Jira&apos;s links</source>
        <translation>Namen und Adresse mit den Links von Jira abgleichen</translation>
    </message>
    <message>
        <source>Create both ends of the link</source>
        <translation>Beide Seiten des Links erstellen</translation>
    </message>
    <message>
        <source>Read the new link back from Jira</source>
        <translation>Den neuen Link erneut aus Jira lesen</translation>
    </message>
    <message>
        <source>Make it the primary link</source>
        <translation>Zum primären Link machen</translation>
    </message>
    <message>
        <source>Set up OAuth on this end</source>
        <translation>OAuth auf dieser Seite einrichten</translation>
    </message>
    <message>
        <source>○  %1</source>
        <translation>○  %1</translation>
    </message>
    <message>
        <source>…  %1 (under way)</source>
        <translation>…  %1 (läuft)</translation>
    </message>
    <message>
        <source>✓  %1 (done)</source>
        <translation>✓  %1 (erledigt)</translation>
    </message>
    <message>
        <source>✗  %1 (failed)</source>
        <translation>✗  %1 (fehlgeschlagen)</translation>
    </message>
</context>
<context>
    <name>accessdesk::AppLinkCreator</name>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>Nothing was sent: the activity log could not record the change (%1).</source>
        <translation>Nichts wurde gesendet: Das Aktivitätsprotokoll konnte die Änderung nicht aufzeichnen (%1).</translation>
    </message>
    <message>
        <source>Check that the disk is writable, then try again.</source>
        <translation>Prüfen Sie, ob auf die Festplatte geschrieben werden kann, und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>Cancelled while Jira was creating the link: it may exist now.</source>
        <translation>Abgebrochen, während Jira den Link erstellte: Möglicherweise existiert er jetzt.</translation>
    </message>
    <message>
        <source>Refresh the list of links to see whether it was created.</source>
        <translation>Aktualisieren Sie die Liste der Links, um zu sehen, ob er erstellt wurde.</translation>
    </message>
    <message>
        <source>%1 refused the administrator credentials: the user name or password is wrong, or %2 is not an administrator there.</source>
        <translation>%1 hat die Administrator-Anmeldedaten abgelehnt: Benutzername oder Passwort ist falsch, oder %2 ist dort kein Administrator.</translation>
    </message>
    <message>
        <source>Enter the user name and password of an administrator of the remote application.</source>
        <translation>Geben Sie Benutzernamen und Passwort eines Administrators der entfernten Anwendung ein.</translation>
    </message>
    <message>
        <source>Only system administrators may link with impersonation (the two applications share their users).</source>
        <translation>Nur Systemadministratoren dürfen mit Identitätswechsel verlinken (die beiden Anwendungen teilen ihre Benutzer).</translation>
    </message>
    <message>
        <source>Link without impersonation, or ask a system administrator.</source>
        <translation>Verlinken Sie ohne Identitätswechsel, oder wenden Sie sich an einen Systemadministrator.</translation>
    </message>
    <message>
        <source>The other end of the link could not be created on %1. %2</source>
        <translation>Die andere Seite des Links konnte auf %1 nicht erstellt werden. %2</translation>
    </message>
    <message>
        <source>Check that %1 can reach this Jira at its base URL and that the remote user is an administrator there; or create a one-way link and set up the other end in the remote application.</source>
        <translation>Prüfen Sie, ob %1 dieses Jira unter seiner Basis-URL erreichen kann und ob der entfernte Benutzer dort Administrator ist; oder erstellen Sie einen einseitigen Link und richten Sie die andere Seite in der entfernten Anwendung ein.</translation>
    </message>
    <message>
        <source>Jira&apos;s answer was lost, and the list of links could not be read either: whether the link was created is unknown. %1</source>
        <translation>Die Antwort von Jira ging verloren, und auch die Liste der Links konnte nicht gelesen werden: Ob der Link erstellt wurde, ist unbekannt. %1</translation>
    </message>
    <message>
        <source>Jira said it created the link, but reading it back failed: %1</source>
        <translation>Jira meldete, dass der Link erstellt wurde, aber das erneute Lesen ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Refresh the list of links before creating it again.</source>
        <translation>Aktualisieren Sie die Liste der Links, bevor Sie ihn erneut erstellen.</translation>
    </message>
    <message>
        <source>Jira&apos;s answer was lost, and the link is not in the list (yet): it may still appear.</source>
        <translation>Die Antwort von Jira ging verloren, und der Link ist (noch) nicht in der Liste: Er kann noch erscheinen.</translation>
    </message>
    <message>
        <source>Jira said it created the link, but it is not there.</source>
        <translation>Jira meldete, dass der Link erstellt wurde, aber er ist nicht vorhanden.</translation>
    </message>
    <message>
        <source>Refresh the list of links in a minute; create the link again only if it is still missing.</source>
        <translation>Aktualisieren Sie die Liste der Links in einer Minute; erstellen Sie den Link nur dann erneut, wenn er immer noch fehlt.</translation>
    </message>
    <message>
        <source>The link was created, and Jira reports the other end created too, but OAuth could not be set up on both ends.</source>
        <translation>Der Link wurde erstellt, und Jira meldet auch die andere Seite als erstellt, aber OAuth konnte nicht auf beiden Seiten eingerichtet werden.</translation>
    </message>
    <message>
        <source>Check the link&apos;s status to see why; then set up OAuth on the link in both applications.</source>
        <translation>Prüfen Sie den Status des Links, um den Grund zu sehen; richten Sie dann OAuth auf dem Link in beiden Anwendungen ein.</translation>
    </message>
    <message>
        <source>The link was created, but: %1</source>
        <translation>Der Link wurde erstellt, aber: %1</translation>
    </message>
</context>
<context>
    <name>accessdesk::AppLinkDetailsPage</name>
    <message>
        <source>Link name</source>
        <translation>Linkname</translation>
    </message>
    <message>
        <source>Display URL</source>
        <translation>Anzeige-URL</translation>
    </message>
    <message>
        <source>Make it the &amp;primary link to this type of application</source>
        <translation>Zum &amp;primären Link für diesen Anwendungstyp machen</translation>
    </message>
    <message>
        <source>Primary link</source>
        <translation>Primärer Link</translation>
    </message>
    <message>
        <source>Name the link</source>
        <translation>Link benennen</translation>
    </message>
    <message>
        <source>How the link appears in Jira, and whether Jira uses it first for its type of application.</source>
        <translation>Wie der Link in Jira erscheint und ob Jira ihn für seinen Anwendungstyp zuerst verwendet.</translation>
    </message>
    <message>
        <source>What Jira found at the address</source>
        <translation>Was Jira unter der Adresse gefunden hat</translation>
    </message>
    <message>
        <source>Type of application</source>
        <translation>Anwendungstyp</translation>
    </message>
    <message>
        <source>Jira uses the primary link first when several link to the same type of application.</source>
        <translation>Jira verwendet den primären Link zuerst, wenn mehrere Links auf denselben Anwendungstyp verweisen.</translation>
    </message>
    <message>
        <source>Type:</source>
        <translation>Typ:</translation>
    </message>
    <message>
        <source>Type problem</source>
        <translation>Problem mit dem Typ</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Link name problem</source>
        <translation>Problem mit dem Linknamen</translation>
    </message>
    <message>
        <source>&amp;Display URL:</source>
        <translation>&amp;Anzeige-URL:</translation>
    </message>
    <message>
        <source>Display URL problem</source>
        <translation>Problem mit der Anzeige-URL</translation>
    </message>
    <message>
        <source>Jira found %1 at %2, called “%3”.</source>
        <translation>Jira hat %1 unter %2 gefunden, mit dem Namen „%3“.</translation>
    </message>
    <message>
        <source>Jira found %1 %2 at %3, called “%4”.</source>
        <translation>Jira hat %1 %2 unter %3 gefunden, mit dem Namen „%4“.</translation>
    </message>
    <message>
        <source>Nothing answers at %1 yet: the link will be a generic one, and it works once the application answers there.</source>
        <translation>Unter %1 antwortet noch nichts: Der Link wird ein generischer und funktioniert, sobald die Anwendung dort antwortet.</translation>
    </message>
</context>
<context>
    <name>accessdesk::AppLinkEditDialog</name>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Edit application link “%1”</source>
        <translation>Anwendungslink „%1“ bearbeiten</translation>
    </message>
    <message>
        <source>Edit application link</source>
        <translation>Anwendungslink bearbeiten</translation>
    </message>
    <message>
        <source>The display URL is the address users see; the application URL is the one Jira calls. After a server move, Relocate changes both.</source>
        <translation>Die Anzeige-URL ist die Adresse, die Benutzer sehen; die Anwendungs-URL ist die, die Jira aufruft. Nach einem Serverumzug ändert „Verlegen“ beide.</translation>
    </message>
    <message>
        <source>Link name</source>
        <translation>Linkname</translation>
    </message>
    <message>
        <source>Display URL</source>
        <translation>Anzeige-URL</translation>
    </message>
    <message>
        <source>Application URL</source>
        <translation>Anwendungs-URL</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Link name problem</source>
        <translation>Problem mit dem Linknamen</translation>
    </message>
    <message>
        <source>&amp;Display URL:</source>
        <translation>&amp;Anzeige-URL:</translation>
    </message>
    <message>
        <source>Display URL problem</source>
        <translation>Problem mit der Anzeige-URL</translation>
    </message>
    <message>
        <source>&amp;Application URL:</source>
        <translation>Anwendungs-&amp;URL:</translation>
    </message>
    <message>
        <source>Application URL problem</source>
        <translation>Problem mit der Anwendungs-URL</translation>
    </message>
</context>
<context>
    <name>accessdesk::AppLinkOAuthSetup</name>
    <message>
        <source>Set the OAuth of the application link “%1” to incoming: %2, outgoing: %3?</source>
        <translation>OAuth des Anwendungslinks „%1“ auf eingehend: %2, ausgehend: %3 setzen?</translation>
    </message>
    <message>
        <source>OAuth could not be set up: Jira could not fetch the OAuth information of %1 (it did not answer).</source>
        <translation>OAuth konnte nicht eingerichtet werden: Jira konnte die OAuth-Informationen von %1 nicht abrufen (keine Antwort).</translation>
    </message>
    <message>
        <source>Once the application answers, set up OAuth on the link again.</source>
        <translation>Sobald die Anwendung antwortet, richten Sie OAuth auf dem Link erneut ein.</translation>
    </message>
    <message>
        <source>Only system administrators may turn on OAuth with impersonation.</source>
        <translation>Nur Systemadministratoren dürfen OAuth mit Identitätswechsel aktivieren.</translation>
    </message>
    <message>
        <source>Choose OAuth without impersonation, or ask a system administrator.</source>
        <translation>Wählen Sie OAuth ohne Identitätswechsel, oder wenden Sie sich an einen Systemadministrator.</translation>
    </message>
</context>
<context>
    <name>accessdesk::AppLinkPrimaryMaker</name>
    <message>
        <source>Make “%1” the primary link to %2?</source>
        <translation>„%1“ zum primären Link zu %2 machen?</translation>
    </message>
</context>
<context>
    <name>accessdesk::AppLinkProbe</name>
    <message>
        <source>Enter the address of the application to link to.</source>
        <translation>Geben Sie die Adresse der zu verlinkenden Anwendung ein.</translation>
    </message>
    <message>
        <source>“%1” is not a web address.</source>
        <translation>„%1“ ist keine Webadresse.</translation>
    </message>
    <message>
        <source>Enter the application&apos;s base URL, starting with https:// or http://.</source>
        <translation>Geben Sie die Basis-URL der Anwendung ein, beginnend mit https:// oder http://.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>Jira refused the address %1. %2</source>
        <translation>Jira hat die Adresse %1 abgelehnt. %2</translation>
    </message>
    <message>
        <source>The application calls itself %1, not %2. Jira will call it at the address you entered and show users %1; if your address works only from some places, use %1 instead.</source>
        <translation>Die Anwendung nennt sich %1, nicht %2. Jira ruft sie unter der von Ihnen eingegebenen Adresse auf und zeigt Benutzern %1 an; wenn Ihre Adresse nur von manchen Orten aus funktioniert, verwenden Sie stattdessen %1.</translation>
    </message>
    <message>
        <source>%1 redirects to another address, so it is not the application&apos;s base URL.</source>
        <translation>%1 leitet auf eine andere Adresse weiter und ist daher nicht die Basis-URL der Anwendung.</translation>
    </message>
    <message>
        <source>Enter the address the application really answers at (its base URL).</source>
        <translation>Geben Sie die Adresse ein, unter der die Anwendung tatsächlich antwortet (ihre Basis-URL).</translation>
    </message>
    <message>
        <source>Nothing answers at %1: Jira could not reach it.</source>
        <translation>Unter %1 antwortet nichts: Jira konnte es nicht erreichen.</translation>
    </message>
    <message>
        <source>Check the address and that the application is running. To link it anyway, create a generic link; it works once the application answers.</source>
        <translation>Prüfen Sie die Adresse und ob die Anwendung läuft. Um sie trotzdem zu verlinken, erstellen Sie einen generischen Link; er funktioniert, sobald die Anwendung antwortet.</translation>
    </message>
    <message>
        <source>%1 is not an Atlassian application: a generic link fits it.</source>
        <translation>%1 ist keine Atlassian-Anwendung: Ein generischer Link passt dazu.</translation>
    </message>
    <message>
        <source>A link to %1 exists already: “%2”.</source>
        <translation>Ein Link zu %1 existiert bereits: „%2“.</translation>
    </message>
    <message>
        <source>Edit that link instead, or delete it first.</source>
        <translation>Bearbeiten Sie stattdessen diesen Link, oder löschen Sie ihn zuerst.</translation>
    </message>
    <message>
        <source>%1 is this Jira server itself, and a server is not linked to itself.</source>
        <translation>%1 ist dieser Jira-Server selbst, und ein Server wird nicht mit sich selbst verlinkt.</translation>
    </message>
    <message>
        <source>Enter the address of the other application.</source>
        <translation>Geben Sie die Adresse der anderen Anwendung ein.</translation>
    </message>
    <message>
        <source>Jira already has a link to the application at %1, or %1 is Jira itself.</source>
        <translation>Jira hat bereits einen Link zur Anwendung unter %1, oder %1 ist Jira selbst.</translation>
    </message>
    <message>
        <source>Look for the application in the list of links (perhaps under another address).</source>
        <translation>Suchen Sie die Anwendung in der Liste der Links (vielleicht unter einer anderen Adresse).</translation>
    </message>
</context>
<context>
    <name>accessdesk::AppLinkRelocateDialog</name>
    <message>
        <source>Relocate</source>
        <translation>Verlegen</translation>
    </message>
    <message>
        <source>Relocate application link “%1”</source>
        <translation>Anwendungslink „%1“ verlegen</translation>
    </message>
    <message>
        <source>Relocate application link</source>
        <translation>Anwendungslink verlegen</translation>
    </message>
    <message>
        <source>“%1” points at %2. If the application now answers at another address (a server move, a new host name or port), enter it: Jira then calls it there and shows users the new address. Nothing else about the link changes.</source>
        <translation>„%1“ verweist auf %2. Wenn die Anwendung jetzt unter einer anderen Adresse antwortet (Serverumzug, neuer Hostname oder Port), geben Sie diese ein: Jira ruft sie dann dort auf und zeigt Benutzern die neue Adresse. Sonst ändert sich nichts am Link.</translation>
    </message>
    <message>
        <source>New address of the application</source>
        <translation>Neue Adresse der Anwendung</translation>
    </message>
    <message>
        <source>For example: https://wiki.example.com</source>
        <translation>Zum Beispiel: https://wiki.example.com</translation>
    </message>
    <message>
        <source>&amp;New address:</source>
        <translation>&amp;Neue Adresse:</translation>
    </message>
    <message>
        <source>New address problem</source>
        <translation>Problem mit der neuen Adresse</translation>
    </message>
    <message>
        <source>Relocate to an address that does not answer?</source>
        <translation>Auf eine Adresse verlegen, die nicht antwortet?</translation>
    </message>
    <message>
        <source>Move anyway</source>
        <translation>Trotzdem verlegen</translation>
    </message>
</context>
<context>
    <name>accessdesk::AppLinkRelocator</name>
    <message>
        <source>Nothing answers at %1. Move the application link “%2” there anyway? It will not work until the application answers at that address.</source>
        <translation>Unter %1 antwortet nichts. Den Anwendungslink „%2“ trotzdem dorthin verlegen? Er funktioniert erst, wenn die Anwendung unter dieser Adresse antwortet.</translation>
    </message>
    <message>
        <source>Move the application link “%1” from %2 to %3?</source>
        <translation>Den Anwendungslink „%1“ von %2 nach %3 verlegen?</translation>
    </message>
    <message>
        <source>“%1” is not a web address.</source>
        <translation>„%1“ ist keine Webadresse.</translation>
    </message>
    <message>
        <source>Enter the application&apos;s new base URL, starting with https:// or http://.</source>
        <translation>Geben Sie die neue Basis-URL der Anwendung ein, beginnend mit https:// oder http://.</translation>
    </message>
    <message>
        <source>The link is at %1 already.</source>
        <translation>Der Link ist bereits unter %1.</translation>
    </message>
    <message>
        <source>Enter the application&apos;s new address.</source>
        <translation>Geben Sie die neue Adresse der Anwendung ein.</translation>
    </message>
    <message>
        <source>Nothing answers at %1, so the link was not moved.</source>
        <translation>Unter %1 antwortet nichts, daher wurde der Link nicht verlegt.</translation>
    </message>
    <message>
        <source>Check the address. Move the link anyway only if the application will answer there soon.</source>
        <translation>Prüfen Sie die Adresse. Verlegen Sie den Link nur dann trotzdem, wenn die Anwendung dort bald antworten wird.</translation>
    </message>
    <message>
        <source>Jira refused to move the link to %1. %2</source>
        <translation>Jira hat das Verlegen des Links nach %1 abgelehnt. %2</translation>
    </message>
    <message>
        <source>Check the address: the application there must be of the link&apos;s type.</source>
        <translation>Prüfen Sie die Adresse: Die Anwendung dort muss dem Typ des Links entsprechen.</translation>
    </message>
</context>
<context>
    <name>accessdesk::AppLinkRemover</name>
    <message>
        <source>Delete the application link “%1” on this Jira and its other end on %2? Everything that uses the link between the two stops working, and so do the OAuth tokens users gave through it.</source>
        <translation>Den Anwendungslink „%1“ in diesem Jira und seine andere Seite auf %2 löschen? Alles, was den Link zwischen den beiden verwendet, funktioniert dann nicht mehr, ebenso wie die OAuth-Token, die Benutzer darüber erteilt haben.</translation>
    </message>
    <message>
        <source>Delete the application link “%1” (to %2) on this Jira only? The other application keeps its end; everything that uses the link here stops working, and so do the OAuth tokens users gave through it.</source>
        <translation>Den Anwendungslink „%1“ (zu %2) nur in diesem Jira löschen? Die andere Anwendung behält ihre Seite; alles, was den Link hier verwendet, funktioniert dann nicht mehr, ebenso wie die OAuth-Token, die Benutzer darüber erteilt haben.</translation>
    </message>
    <message>
        <source>The other end on %1 could not be deleted: Jira needs your own authorisation on that application to delete it (credentials required).</source>
        <translation>Die andere Seite auf %1 konnte nicht gelöscht werden: Jira benötigt zum Löschen Ihre eigene Autorisierung auf dieser Anwendung (Anmeldedaten erforderlich).</translation>
    </message>
    <message>
        <source>Authorise Jira on %1 as yourself (use the link once and allow access), then delete again; or delete this end only and remove the other end in that application.</source>
        <translation>Autorisieren Sie Jira auf %1 in Ihrem eigenen Namen (verwenden Sie den Link einmal und erlauben Sie den Zugriff) und löschen Sie dann erneut; oder löschen Sie nur diese Seite und entfernen Sie die andere Seite in jener Anwendung.</translation>
    </message>
    <message>
        <source>%1 could not delete its end of the link. %2</source>
        <translation>%1 konnte seine Seite des Links nicht löschen. %2</translation>
    </message>
    <message>
        <source>Delete this end only, and remove the other end in that application.</source>
        <translation>Löschen Sie nur diese Seite und entfernen Sie die andere Seite in jener Anwendung.</translation>
    </message>
    <message>
        <source>Only system administrators may delete a system link.</source>
        <translation>Nur Systemadministratoren dürfen einen Systemlink löschen.</translation>
    </message>
    <message>
        <source>Ask a system administrator.</source>
        <translation>Wenden Sie sich an einen Systemadministrator.</translation>
    </message>
    <message>
        <source>This end of the link was deleted.</source>
        <translation>Diese Seite des Links wurde gelöscht.</translation>
    </message>
    <message>
        <source>Nothing was deleted: this end is still there.</source>
        <translation>Nichts wurde gelöscht: Diese Seite ist noch vorhanden.</translation>
    </message>
</context>
<context>
    <name>accessdesk::AppLinkUpdater</name>
    <message>
        <source>name “%1” → “%2”</source>
        <translation>Name „%1“ → „%2“</translation>
    </message>
    <message>
        <source>display URL %1 → %2</source>
        <translation>Anzeige-URL %1 → %2</translation>
    </message>
    <message>
        <source>application URL %1 → %2</source>
        <translation>Anwendungs-URL %1 → %2</translation>
    </message>
    <message>
        <source>Change the application link “%1”: %2?</source>
        <translation>Anwendungslink „%1“ ändern: %2?</translation>
    </message>
    <message>
        <source>“%1” is a system link: the application manages it, and it cannot be edited.</source>
        <translation>„%1“ ist ein Systemlink: Die Anwendung verwaltet ihn, und er kann nicht bearbeitet werden.</translation>
    </message>
    <message>
        <source>Enter a name for the link.</source>
        <translation>Geben Sie einen Namen für den Link ein.</translation>
    </message>
    <message>
        <source>“%1” is not a web address.</source>
        <translation>„%1“ ist keine Webadresse.</translation>
    </message>
    <message>
        <source>Enter the address Jira calls the application at, starting with https:// or http://.</source>
        <translation>Geben Sie die Adresse ein, unter der Jira die Anwendung aufruft, beginnend mit https:// oder http://.</translation>
    </message>
    <message>
        <source>Enter the address users see, starting with https:// or http://.</source>
        <translation>Geben Sie die Adresse ein, die Benutzer sehen, beginnend mit https:// oder http://.</translation>
    </message>
    <message>
        <source>Nothing to change: the link has these values already.</source>
        <translation>Nichts zu ändern: Der Link hat diese Werte bereits.</translation>
    </message>
    <message>
        <source>Enter a new name or address.</source>
        <translation>Geben Sie einen neuen Namen oder eine neue Adresse ein.</translation>
    </message>
</context>
<context>
    <name>accessdesk::AppLinkWizard</name>
    <message>
        <source>New application link</source>
        <translation>Neuer Anwendungslink</translation>
    </message>
    <message>
        <source>The link “%1” was created. It is in the list of links now, where its health is checked.</source>
        <translation>Der Link „%1“ wurde erstellt. Er steht jetzt in der Liste der Links, wo sein Zustand geprüft wird.</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Schließen</translation>
    </message>
</context>
<context>
    <name>accessdesk::AppLinkWizardPage</name>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
</context>
<context>
    <name>accessdesk::AppSession</name>
    <message>
        <source>There is no saved server named “%1”. Choose one in the Server list, or add it on the Connection page.</source>
        <translation>Es gibt keinen gespeicherten Server namens „%1“. Wählen Sie einen in der Serverliste aus, oder fügen Sie ihn auf der Seite „Verbindung“ hinzu.</translation>
    </message>
    <message>
        <source>No server was named. Add a server on the Connection page.</source>
        <translation>Es wurde kein Server angegeben. Fügen Sie auf der Seite „Verbindung“ einen Server hinzu.</translation>
    </message>
    <message>
        <source>The keychain holds no password or token for “%1”. Add the server again on the Connection page.</source>
        <translation>Der Schlüsselbund enthält kein Passwort und kein Token für „%1“. Fügen Sie den Server auf der Seite „Verbindung“ erneut hinzu.</translation>
    </message>
    <message>
        <source>Not connected to “%1”: no password or token was given. Choose the server in the Server list to be asked again.</source>
        <translation>Nicht mit „%1“ verbunden: Es wurde kein Passwort und kein Token angegeben. Wählen Sie den Server in der Serverliste aus, um erneut gefragt zu werden.</translation>
    </message>
    <message>
        <source>The server no longer accepts the sign-in of “%1” and refused to renew it. Sign in again: edit the connection and press “Sign in in browser…”.</source>
        <translation>Der Server akzeptiert die Anmeldung von „%1“ nicht mehr und hat ihre Erneuerung abgelehnt. Melden Sie sich erneut an: Bearbeiten Sie die Verbindung und klicken Sie auf „Im Browser anmelden…“.</translation>
    </message>
    <message>
        <source>No password store is running, so AccessDesk cannot read the saved sign-in of “%1”. Sign in to the server again on the Connection page.</source>
        <translation>Es läuft kein Passwortspeicher, daher kann AccessDesk die gespeicherte Anmeldung von „%1“ nicht lesen. Melden Sie sich auf der Seite „Verbindung“ erneut beim Server an.</translation>
    </message>
    <message>
        <source>%1 cannot be written (read-only).</source>
        <translation>%1 kann nicht geschrieben werden (schreibgeschützt).</translation>
    </message>
    <message>
        <source>AccessDesk could not open its local database, so this run keeps no activity log and no list from last time. %1</source>
        <translation>AccessDesk konnte seine lokale Datenbank nicht öffnen. Diese Sitzung führt daher kein Aktivitätsprotokoll und zeigt keine Liste vom letzten Mal. %1</translation>
    </message>
    <message>
        <source>AccessDesk could not read the saved sign-in of “%1” from the keychain. %2</source>
        <translation>AccessDesk konnte die gespeicherte Anmeldung von „%1“ nicht aus dem Schlüsselbund lesen. %2</translation>
    </message>
</context>
<context>
    <name>accessdesk::ApproveConsumerDialog</name>
    <message>
        <source>Consumer key</source>
        <translation>Consumer-Key</translation>
    </message>
    <message>
        <source>Consumer name</source>
        <translation>Consumer-Name</translation>
    </message>
    <message>
        <source>Callback URL</source>
        <translation>Callback-URL</translation>
    </message>
    <message>
        <source>Allow &amp;2-legged OAuth (requests without a user&apos;s token)</source>
        <translation>&amp;2-Legged-OAuth erlauben (Anfragen ohne Token eines Benutzers)</translation>
    </message>
    <message>
        <source>Execute 2-legged requests as</source>
        <translation>2-Legged-Anfragen ausführen als</translation>
    </message>
    <message>
        <source>Allow 2-legged OAuth with &amp;impersonation</source>
        <translation>2-Legged-OAuth mit &amp;Identitätswechsel erlauben</translation>
    </message>
    <message>
        <source>Approve OAuth consumer</source>
        <translation>OAuth-Consumer genehmigen</translation>
    </message>
    <message>
        <source>An approved consumer is an application that may ask this Jira&apos;s users for access (OAuth 1.0a, signed with its RSA key). Users then allow or deny it one by one.</source>
        <translation>Ein genehmigter Consumer ist eine Anwendung, die die Benutzer dieses Jira um Zugriff bitten darf (OAuth 1.0a, signiert mit ihrem RSA-Schlüssel). Die Benutzer erlauben oder verweigern ihn dann einzeln.</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>&amp;Approve consumer</source>
        <translation>Consumer &amp;genehmigen</translation>
    </message>
    <message>
        <source>Approve consumer</source>
        <translation>Consumer genehmigen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>%1 (%2, %3)</source>
        <translation>%1 (%2, %3)</translation>
    </message>
    <message>
        <source>Application link</source>
        <translation>Anwendungslink</translation>
    </message>
    <message>
        <source>About the link</source>
        <translation>Über den Link</translation>
    </message>
    <message>
        <source>Application &amp;link:</source>
        <translation>Anwendungs&amp;link:</translation>
    </message>
    <message>
        <source>Fill in f&amp;rom:</source>
        <translation>Ausfüllen &amp;aus:</translation>
    </message>
    <message>
        <source>For example: release-radar</source>
        <translation>Zum Beispiel: release-radar</translation>
    </message>
    <message>
        <source>Shown to users when it asks for access</source>
        <translation>Wird Benutzern angezeigt, wenn er um Zugriff bittet</translation>
    </message>
    <message>
        <source>Consumer description</source>
        <translation>Consumer-Beschreibung</translation>
    </message>
    <message>
        <source>What it does with the access, and its web address</source>
        <translation>Was er mit dem Zugriff macht, und seine Webadresse</translation>
    </message>
    <message>
        <source>Optional: https://app.example.com/oauth/callback</source>
        <translation>Optional: https://app.example.com/oauth/callback</translation>
    </message>
    <message>
        <source>Where users return after they allowed access. Without one they get a verification code to copy into the application.</source>
        <translation>Wohin Benutzer zurückkehren, nachdem sie den Zugriff erlaubt haben. Ohne Callback erhalten sie einen Bestätigungscode, den sie in die Anwendung kopieren.</translation>
    </message>
    <message>
        <source>Consumer &amp;key:</source>
        <translation>Consumer-&amp;Key:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Beschreibung:</translation>
    </message>
    <message>
        <source>&amp;Callback URL:</source>
        <translation>&amp;Callback-URL:</translation>
    </message>
    <message>
        <source>RSA &amp;public key:</source>
        <translation>Öffentlicher RSA-&amp;Schlüssel:</translation>
    </message>
    <message>
        <source>Two-legged OAuth</source>
        <translation>2-Legged-OAuth</translation>
    </message>
    <message>
        <source>Allow 2-legged OAuth</source>
        <translation>2-Legged-OAuth erlauben</translation>
    </message>
    <message>
        <source>A user name; the requests can do what this user can</source>
        <translation>Ein Benutzername; die Anfragen können tun, was dieser Benutzer kann</translation>
    </message>
    <message>
        <source>Allow 2-legged OAuth with impersonation</source>
        <translation>2-Legged-OAuth mit Identitätswechsel erlauben</translation>
    </message>
    <message>
        <source>&amp;Execute as:</source>
        <translation>Aus&amp;führen als:</translation>
    </message>
    <message>
        <source>“%1” already accepts the consumer “%2”; approving replaces it.</source>
        <translation>„%1“ akzeptiert bereits den Consumer „%2“; die Genehmigung ersetzt ihn.</translation>
    </message>
    <message>
        <source>2-legged requests may then act as any user the application names. Only for applications that share this Jira&apos;s users, such as another Atlassian server.</source>
        <translation>2-Legged-Anfragen können dann als jeder Benutzer handeln, den die Anwendung nennt. Nur für Anwendungen, die die Benutzer dieses Jira teilen, etwa ein anderer Atlassian-Server.</translation>
    </message>
    <message>
        <source>Approving…</source>
        <translation>Wird genehmigt…</translation>
    </message>
    <message>
        <source>Create an application link for the application first.</source>
        <translation>Erstellen Sie zuerst einen Anwendungslink für die Anwendung.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Nothing was sent: correct the fields marked.</source>
        <translation>Nichts wurde gesendet: Korrigieren Sie die markierten Felder.</translation>
    </message>
</context>
<context>
    <name>accessdesk::BrowserSignIn</name>
    <message>
        <source>Enter the address of your Jira server first, starting with https://.</source>
        <translation>Geben Sie zuerst die Adresse Ihres Jira-Servers ein, beginnend mit https://.</translation>
    </message>
    <message>
        <source>Enter the consumer key and choose the private key file first.</source>
        <translation>Geben Sie zuerst den Consumer-Key ein und wählen Sie die private Schlüsseldatei aus.</translation>
    </message>
    <message>
        <source>Enter the client ID first.</source>
        <translation>Geben Sie zuerst die Client-ID ein.</translation>
    </message>
    <message>
        <source>This address starts with http://, so the sign-in would travel unencrypted and anyone on the way could read it. Use https:// if the server offers it, or press “Test connection” to decide.</source>
        <translation>Diese Adresse beginnt mit http://, daher würde die Anmeldung unverschlüsselt übertragen und jeder auf dem Weg könnte sie lesen. Verwenden Sie https://, wenn der Server es anbietet, oder klicken Sie auf „Verbindung testen“, um zu entscheiden.</translation>
    </message>
    <message>
        <source>This sign-in method needs no browser.</source>
        <translation>Diese Anmeldemethode benötigt keinen Browser.</translation>
    </message>
    <message>
        <source>Access was not allowed in the browser, so you are not signed in.</source>
        <translation>Der Zugriff wurde im Browser nicht erlaubt, daher sind Sie nicht angemeldet.</translation>
    </message>
    <message>
        <source>The sign-in in the browser did not finish in time. Try again.</source>
        <translation>Die Anmeldung im Browser wurde nicht rechtzeitig abgeschlossen. Versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The server refused the sign-in. Try again.</source>
        <translation>Der Server hat die Anmeldung abgelehnt. Versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The server refused the sign-in: %1</source>
        <translation>Der Server hat die Anmeldung abgelehnt: %1</translation>
    </message>
</context>
<context>
    <name>accessdesk::BrowserSignInPanel</name>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>Sign in in &amp;browser…</source>
        <translation>Im &amp;Browser anmelden…</translation>
    </message>
    <message>
        <source>Cancel sign-in</source>
        <translation>Anmeldung abbrechen</translation>
    </message>
    <message>
        <source>&amp;Finish sign-in</source>
        <translation>Anmeldung &amp;abschließen</translation>
    </message>
    <message>
        <source>Sign in in the browser</source>
        <translation>Im Browser anmelden</translation>
    </message>
    <message>
        <source>Consumer key</source>
        <translation>Consumer-Key</translation>
    </message>
    <message>
        <source>The consumer key of the application link your Jira administrator set up for AccessDesk.</source>
        <translation>Der Consumer-Key des Anwendungslinks, den Ihr Jira-Administrator für AccessDesk eingerichtet hat.</translation>
    </message>
    <message>
        <source>Private key file</source>
        <translation>Private Schlüsseldatei</translation>
    </message>
    <message>
        <source>The PEM file of the consumer&apos;s private key</source>
        <translation>Die PEM-Datei mit dem privaten Schlüssel des Consumers</translation>
    </message>
    <message>
        <source>Choose the private key file</source>
        <translation>Private Schlüsseldatei auswählen</translation>
    </message>
    <message>
        <source>Client ID</source>
        <translation>Client-ID</translation>
    </message>
    <message>
        <source>The client ID of the OAuth 2.0 application your Jira administrator created for AccessDesk.</source>
        <translation>Die Client-ID der OAuth 2.0-Anwendung, die Ihr Jira-Administrator für AccessDesk erstellt hat.</translation>
    </message>
    <message>
        <source>Client secret</source>
        <translation>Client-Geheimnis</translation>
    </message>
    <message>
        <source>Only if the application has one</source>
        <translation>Nur, wenn die Anwendung eines hat</translation>
    </message>
    <message>
        <source>Redirect port</source>
        <translation>Weiterleitungsport</translation>
    </message>
    <message>
        <source>Any free port</source>
        <translation>Beliebiger freier Port</translation>
    </message>
    <message>
        <source>The port of the redirect address the application was registered with in Jira (http://127.0.0.1:PORT/callback).</source>
        <translation>Der Port der Weiterleitungsadresse, mit der die Anwendung in Jira registriert wurde (http://127.0.0.1:PORT/callback).</translation>
    </message>
    <message>
        <source>Access to allow</source>
        <translation>Zu erlaubender Zugriff</translation>
    </message>
    <message>
        <source>Read only</source>
        <translation>Nur lesen</translation>
    </message>
    <message>
        <source>Read and write</source>
        <translation>Lesen und schreiben</translation>
    </message>
    <message>
        <source>Administer projects</source>
        <comment>OAuth 2.0 scope ADMIN</comment>
        <translation>Projekte verwalten</translation>
    </message>
    <message>
        <source>Administer Jira</source>
        <comment>OAuth 2.0 scope SYSTEM_ADMIN</comment>
        <translation>Jira verwalten</translation>
    </message>
    <message>
        <source>What AccessDesk may do as you. Revoking your own tokens needs “Read and write”; the administration pages need more.</source>
        <translation>Was AccessDesk in Ihrem Namen tun darf. Zum Widerrufen Ihrer eigenen Token ist „Lesen und schreiben“ nötig; die Verwaltungsseiten benötigen mehr.</translation>
    </message>
    <message>
        <source>Sign in in browser</source>
        <translation>Im Browser anmelden</translation>
    </message>
    <message>
        <source>Opens Jira in your web browser, where you sign in and allow AccessDesk access.</source>
        <translation>Öffnet Jira in Ihrem Webbrowser, wo Sie sich anmelden und AccessDesk den Zugriff erlauben.</translation>
    </message>
    <message>
        <source>Verification code</source>
        <translation>Bestätigungscode</translation>
    </message>
    <message>
        <source>The code the browser shows after you allow access</source>
        <translation>Der Code, den der Browser anzeigt, nachdem Sie den Zugriff erlaubt haben</translation>
    </message>
    <message>
        <source>Finish sign-in</source>
        <translation>Anmeldung abschließen</translation>
    </message>
    <message>
        <source>Browser sign-in status</source>
        <translation>Status der Browser-Anmeldung</translation>
    </message>
    <message>
        <source>Consumer &amp;key:</source>
        <translation>Consumer-&amp;Key:</translation>
    </message>
    <message>
        <source>Private &amp;key file:</source>
        <translation>Private &amp;Schlüsseldatei:</translation>
    </message>
    <message>
        <source>Client &amp;ID:</source>
        <translation>Client-&amp;ID:</translation>
    </message>
    <message>
        <source>Client s&amp;ecret:</source>
        <translation>Client-&amp;Geheimnis:</translation>
    </message>
    <message>
        <source>&amp;Redirect port:</source>
        <translation>&amp;Weiterleitungsport:</translation>
    </message>
    <message>
        <source>A&amp;ccess to allow:</source>
        <translation>Zu erlaubender &amp;Zugriff:</translation>
    </message>
    <message>
        <source>&amp;Verification code:</source>
        <translation>&amp;Bestätigungscode:</translation>
    </message>
    <message>
        <source>Checking the verification code…</source>
        <translation>Bestätigungscode wird geprüft…</translation>
    </message>
    <message>
        <source>Asking the server to start the sign-in…</source>
        <translation>Der Server wird gebeten, die Anmeldung zu starten…</translation>
    </message>
    <message>
        <source>Sign in and allow access in the browser, then enter the verification code it shows here.</source>
        <translation>Melden Sie sich im Browser an und erlauben Sie den Zugriff; geben Sie dann hier den Bestätigungscode ein, den der Browser anzeigt.</translation>
    </message>
    <message>
        <source>Open this address in a web browser, sign in and allow access, then enter the verification code it shows here: %1</source>
        <translation>Öffnen Sie diese Adresse in einem Webbrowser, melden Sie sich an und erlauben Sie den Zugriff; geben Sie dann hier den Bestätigungscode ein, den der Browser anzeigt: %1</translation>
    </message>
    <message>
        <source>Sign in and allow access in the browser. AccessDesk goes on as soon as the browser comes back.</source>
        <translation>Melden Sie sich im Browser an und erlauben Sie den Zugriff. AccessDesk fährt fort, sobald der Browser zurückkehrt.</translation>
    </message>
    <message>
        <source>Open this address in a web browser, sign in and allow access. AccessDesk goes on as soon as the browser comes back: %1</source>
        <translation>Öffnen Sie diese Adresse in einem Webbrowser, melden Sie sich an und erlauben Sie den Zugriff. AccessDesk fährt fort, sobald der Browser zurückkehrt: %1</translation>
    </message>
    <message>
        <source>Signed in. Test the connection, or save it.</source>
        <translation>Angemeldet. Testen Sie die Verbindung, oder speichern Sie sie.</translation>
    </message>
    <message>
        <source>The sign-in was cancelled.</source>
        <translation>Die Anmeldung wurde abgebrochen.</translation>
    </message>
    <message>
        <source>PEM private keys (*.pem *.key);;All files (*)</source>
        <translation>Private PEM-Schlüssel (*.pem *.key);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>accessdesk::ClientSecretDialog</name>
    <message>
        <source>Client ID</source>
        <translation>Client-ID</translation>
    </message>
    <message>
        <source>Client secret</source>
        <translation>Client-Geheimnis</translation>
    </message>
    <message>
        <source>Copy client ID</source>
        <translation>Client-ID kopieren</translation>
    </message>
    <message>
        <source>Copy client secret</source>
        <translation>Client-Geheimnis kopieren</translation>
    </message>
    <message>
        <source>New OAuth 2.0 client</source>
        <translation>Neuer OAuth 2.0-Client</translation>
    </message>
    <message>
        <source>New client secret</source>
        <translation>Neues Client-Geheimnis</translation>
    </message>
    <message>
        <source>The OAuth 2.0 client “%1” is registered</source>
        <translation>Der OAuth 2.0-Client „%1“ ist registriert</translation>
    </message>
    <message>
        <source>“%1” has a new client secret</source>
        <translation>„%1“ hat ein neues Client-Geheimnis</translation>
    </message>
    <message>
        <source>Copy the client secret now and give it to the application. It will not be shown again: AccessDesk keeps no copy, and its lists never show it. If it is lost, reset the secret.</source>
        <translation>Kopieren Sie das Client-Geheimnis jetzt und geben Sie es an die Anwendung weiter. Es wird nicht noch einmal angezeigt: AccessDesk bewahrt keine Kopie auf, und seine Listen zeigen es nie an. Wenn es verloren geht, setzen Sie das Geheimnis zurück.</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>Cop&amp;y</source>
        <translation>K&amp;opieren</translation>
    </message>
    <message>
        <source>Client &amp;ID:</source>
        <translation>Client-&amp;ID:</translation>
    </message>
    <message>
        <source>Client &amp;secret:</source>
        <translation>Client-&amp;Geheimnis:</translation>
    </message>
    <message>
        <source>Copy puts the secret on the clipboard; AccessDesk clears the clipboard after a minute if the secret is still on it.</source>
        <translation>„Kopieren“ legt das Geheimnis in die Zwischenablage; AccessDesk leert die Zwischenablage nach einer Minute, wenn das Geheimnis noch darin ist.</translation>
    </message>
    <message>
        <source>Clipboard note</source>
        <translation>Hinweis zur Zwischenablage</translation>
    </message>
    <message>
        <source>The application sends both with its token requests (client_id and client_secret).</source>
        <translation>Die Anwendung sendet beides mit ihren Token-Anfragen (client_id und client_secret).</translation>
    </message>
    <message>
        <source>I have copied it, close</source>
        <translation>Ich habe es kopiert, schließen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Hinweis</translation>
    </message>
</context>
<context>
    <name>accessdesk::ConfirmationDialog</name>
    <message>
        <source>Confirmation message</source>
        <translation>Bestätigungsmeldung</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Revoke access</source>
        <translation>Zugriff widerrufen</translation>
    </message>
    <message>
        <source>Revoke %1 grants</source>
        <translation>%1 Zugriffsberechtigungen widerrufen</translation>
    </message>
    <message>
        <source>Note on the confirmation</source>
        <translation>Hinweis zur Bestätigung</translation>
    </message>
</context>
<context>
    <name>accessdesk::ConnectionDialog</name>
    <message>
        <source>Keychain notice</source>
        <translation>Hinweis zum Schlüsselbund</translation>
    </message>
    <message>
        <source>Forget</source>
        <translation>Vergessen</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>Connect to a Jira server</source>
        <translation>Mit einem Jira-Server verbinden</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>Willkommen</translation>
    </message>
    <message>
        <source>Profile name</source>
        <translation>Profilname</translation>
    </message>
    <message>
        <source>e.g. Work Jira</source>
        <translation>z. B. Jira Arbeit</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Serveradresse</translation>
    </message>
    <message>
        <source>https://jira.example.com</source>
        <translation>https://jira.example.com</translation>
    </message>
    <message>
        <source>Sign in with</source>
        <translation>Anmelden mit</translation>
    </message>
    <message>
        <source>User name and password</source>
        <translation>Benutzername und Passwort</translation>
    </message>
    <message>
        <source>Personal access token</source>
        <translation>Persönliches Zugriffstoken</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Create one in Jira under your profile → Personal Access Tokens.</source>
        <translation>Erstellen Sie eines in Jira unter Ihrem Profil → Persönliche Zugriffstoken.</translation>
    </message>
    <message>
        <source>Profile &amp;name:</source>
        <translation>Profil&amp;name:</translation>
    </message>
    <message>
        <source>Profile name problem</source>
        <translation>Problem mit dem Profilnamen</translation>
    </message>
    <message>
        <source>Server &amp;address:</source>
        <translation>Server&amp;adresse:</translation>
    </message>
    <message>
        <source>Server address problem</source>
        <translation>Problem mit der Serveradresse</translation>
    </message>
    <message>
        <source>&amp;Sign in with:</source>
        <translation>Anmelden &amp;mit:</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>User name problem</source>
        <translation>Problem mit dem Benutzernamen</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>&amp;Token:</translation>
    </message>
    <message>
        <source>Password or token problem</source>
        <translation>Problem mit Passwort oder Token</translation>
    </message>
    <message>
        <source>Connection test result</source>
        <translation>Ergebnis des Verbindungstests</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>&amp;Verbindung testen</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>Tests the connection first and saves only when the server accepts the sign-in.</source>
        <translation>Testet zuerst die Verbindung und speichert nur, wenn der Server die Anmeldung akzeptiert.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>Erweitert</translation>
    </message>
    <message>
        <source>Advanced settings</source>
        <translation>Erweiterte Einstellungen</translation>
    </message>
    <message>
        <source> seconds</source>
        <translation> Sekunden</translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation>Zeitlimit</translation>
    </message>
    <message>
        <source>How long to wait for an answer before giving up.</source>
        <translation>Wie lange auf eine Antwort gewartet wird, bevor aufgegeben wird.</translation>
    </message>
    <message>
        <source>CA certificate file</source>
        <translation>CA-Zertifikatsdatei</translation>
    </message>
    <message>
        <source>Needed only if your company has its own CA</source>
        <translation>Nur nötig, wenn Ihr Unternehmen eine eigene CA hat</translation>
    </message>
    <message>
        <source>A PEM file with your company&apos;s own certificate authority (CA), for a server whose certificate it signed. Leave empty otherwise.</source>
        <translation>Eine PEM-Datei mit der eigenen Zertifizierungsstelle (CA) Ihres Unternehmens, für einen Server, dessen Zertifikat sie signiert hat. Andernfalls leer lassen.</translation>
    </message>
    <message>
        <source>Choose a CA certificate file</source>
        <translation>CA-Zertifikatsdatei auswählen</translation>
    </message>
    <message>
        <source>Pinned certificate</source>
        <translation>Angeheftetes Zertifikat</translation>
    </message>
    <message>
        <source>Forget the pinned certificate</source>
        <translation>Angeheftetes Zertifikat vergessen</translation>
    </message>
    <message>
        <source>Stop trusting this certificate; the next test asks again.</source>
        <translation>Diesem Zertifikat nicht mehr vertrauen; der nächste Test fragt erneut.</translation>
    </message>
    <message>
        <source>T&amp;imeout:</source>
        <translation>&amp;Zeitlimit:</translation>
    </message>
    <message>
        <source>Timeout problem</source>
        <translation>Problem mit dem Zeitlimit</translation>
    </message>
    <message>
        <source>&amp;CA certificate file:</source>
        <translation>&amp;CA-Zertifikatsdatei:</translation>
    </message>
    <message>
        <source>CA certificate file problem</source>
        <translation>Problem mit der CA-Zertifikatsdatei</translation>
    </message>
    <message>
        <source>Trusted certificate:</source>
        <translation>Vertrauenswürdiges Zertifikat:</translation>
    </message>
    <message>
        <source>Edit connection “%1”</source>
        <translation>Verbindung „%1“ bearbeiten</translation>
    </message>
    <message>
        <source>To use another name, add a new profile and remove this one.</source>
        <translation>Um einen anderen Namen zu verwenden, fügen Sie ein neues Profil hinzu und entfernen Sie dieses.</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>unverändert</translation>
    </message>
    <message>
        <source>enter it again for the new address</source>
        <translation>für die neue Adresse erneut eingeben</translation>
    </message>
    <message>
        <source>None: only certificates this computer trusts</source>
        <translation>Keine: nur Zertifikate, denen dieser Computer vertraut</translation>
    </message>
    <message>
        <source>Choose the CA certificate file</source>
        <translation>CA-Zertifikatsdatei auswählen</translation>
    </message>
    <message>
        <source>PEM certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>PEM-Zertifikate (*.pem *.crt *.cer);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Testing the connection, then saving…</source>
        <translation>Verbindung wird getestet, dann gespeichert…</translation>
    </message>
    <message>
        <source>Testing the connection…</source>
        <translation>Verbindung wird getestet…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>The certificate was not trusted, so nothing was saved.</source>
        <translation>Dem Zertifikat wurde nicht vertraut, daher wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>The certificate was not trusted, so no connection was made.</source>
        <translation>Dem Zertifikat wurde nicht vertraut, daher wurde keine Verbindung hergestellt.</translation>
    </message>
    <message>
        <source>%1 is reached over plain http://. Your personal access token would be sent unencrypted with every request, and anyone on the network path (the Wi-Fi, a proxy, the provider) could read it and act as you.

Use https:// if the server offers it. Send it unencrypted only if you trust every network in between.</source>
        <translation>%1 wird über einfaches http:// erreicht. Ihr persönliches Zugriffstoken würde mit jeder Anfrage unverschlüsselt gesendet, und jeder auf dem Netzwerkweg (das WLAN, ein Proxy, der Provider) könnte es lesen und in Ihrem Namen handeln.

Verwenden Sie https://, wenn der Server es anbietet. Senden Sie unverschlüsselt nur, wenn Sie jedem Netzwerk dazwischen vertrauen.</translation>
    </message>
    <message>
        <source>%1 is reached over plain http://. Your password would be sent unencrypted with every request, and anyone on the network path (the Wi-Fi, a proxy, the provider) could read it and act as you.

Use https:// if the server offers it. Send it unencrypted only if you trust every network in between.</source>
        <translation>%1 wird über einfaches http:// erreicht. Ihr Passwort würde mit jeder Anfrage unverschlüsselt gesendet, und jeder auf dem Netzwerkweg (das WLAN, ein Proxy, der Provider) könnte es lesen und in Ihrem Namen handeln.

Verwenden Sie https://, wenn der Server es anbietet. Senden Sie unverschlüsselt nur, wenn Sie jedem Netzwerk dazwischen vertrauen.</translation>
    </message>
    <message>
        <source>Send unencrypted?</source>
        <translation>Unverschlüsselt senden?</translation>
    </message>
    <message>
        <source>Send my token unencrypted</source>
        <translation>Mein Token unverschlüsselt senden</translation>
    </message>
    <message>
        <source>Send my password unencrypted</source>
        <translation>Mein Passwort unverschlüsselt senden</translation>
    </message>
    <message>
        <source>Session cookie (user name and password, signed in once)</source>
        <translation>Sitzungscookie (Benutzername und Passwort, einmal angemeldet)</translation>
    </message>
    <message>
        <source>OAuth 1.0a (application link, signed in in the browser)</source>
        <translation>OAuth 1.0a (Anwendungslink, im Browser angemeldet)</translation>
    </message>
    <message>
        <source>OAuth 2.0 (signed in in the browser)</source>
        <translation>OAuth 2.0 (im Browser angemeldet)</translation>
    </message>
</context>
<context>
    <name>accessdesk::ConnectionPage</name>
    <message>
        <source>Add…</source>
        <translation>Hinzufügen…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>Entfernen…</translation>
    </message>
    <message>
        <source>Test</source>
        <translation>Testen</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <source>Current profile</source>
        <translation>Aktuelles Profil</translation>
    </message>
    <message>
        <source>Current server</source>
        <translation>Aktueller Server</translation>
    </message>
    <message>
        <source>Current Jira version</source>
        <translation>Aktuelle Jira-Version</translation>
    </message>
    <message>
        <source>Current server address</source>
        <translation>Aktuelle Serveradresse</translation>
    </message>
    <message>
        <source>Signed in as</source>
        <translation>Angemeldet als</translation>
    </message>
    <message>
        <source>Jira administrator</source>
        <translation>Jira-Administrator</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>Connection profiles</source>
        <translation>Verbindungsprofile</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Sign-in</source>
        <translation>Anmeldung</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Certificate pinned</source>
        <translation>Zertifikat angeheftet</translation>
    </message>
    <message>
        <source>Add a connection profile</source>
        <translation>Verbindungsprofil hinzufügen</translation>
    </message>
    <message>
        <source>Edit the selected profile</source>
        <translation>Ausgewähltes Profil bearbeiten</translation>
    </message>
    <message>
        <source>Remove the selected profile</source>
        <translation>Ausgewähltes Profil entfernen</translation>
    </message>
    <message>
        <source>Test the selected profile</source>
        <translation>Ausgewähltes Profil testen</translation>
    </message>
    <message>
        <source>Connect with the selected profile</source>
        <translation>Mit dem ausgewählten Profil verbinden</translation>
    </message>
    <message>
        <source>Switch the app to this server.</source>
        <translation>Die Anwendung auf diesen Server umschalten.</translation>
    </message>
    <message>
        <source>Profile status</source>
        <translation>Profilstatus</translation>
    </message>
    <message>
        <source>Current connection</source>
        <translation>Aktuelle Verbindung</translation>
    </message>
    <message>
        <source>Profile:</source>
        <translation>Profil:</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Server:</translation>
    </message>
    <message>
        <source>Jira version:</source>
        <translation>Jira-Version:</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Adresse:</translation>
    </message>
    <message>
        <source>Signed in as:</source>
        <translation>Angemeldet als:</translation>
    </message>
    <message>
        <source>Administrator:</source>
        <translation>Administrator:</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <source>No connection profiles yet. Use Add… to connect to your Jira server.</source>
        <translation>Noch keine Verbindungsprofile. Verwenden Sie „Hinzufügen…“, um sich mit Ihrem Jira-Server zu verbinden.</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Saved “%1”.</source>
        <translation>„%1“ gespeichert.</translation>
    </message>
    <message>
        <source>Welcome to AccessDesk. Connect to your Jira server to see every application and token that can act as you, and revoke what you no longer use.</source>
        <translation>Willkommen bei AccessDesk. Verbinden Sie sich mit Ihrem Jira-Server, um jede Anwendung und jedes Token zu sehen, die in Ihrem Namen handeln können, und widerrufen Sie, was Sie nicht mehr verwenden.</translation>
    </message>
    <message>
        <source>Remove connection profile</source>
        <translation>Verbindungsprofil entfernen</translation>
    </message>
    <message>
        <source>Remove the connection profile “%1”?

Its stored password or token is deleted from the keychain and its saved lists from this computer. Nothing changes on the server; you can add the profile again later.</source>
        <translation>Das Verbindungsprofil „%1“ entfernen?

Sein gespeichertes Passwort oder Token wird aus dem Schlüsselbund gelöscht und seine gespeicherten Listen von diesem Computer. Auf dem Server ändert sich nichts; Sie können das Profil später erneut hinzufügen.</translation>
    </message>
    <message>
        <source>Remove profile</source>
        <translation>Profil entfernen</translation>
    </message>
    <message>
        <source>Removed “%1”.</source>
        <translation>„%1“ entfernt.</translation>
    </message>
    <message>
        <source>“%1” was already removed.</source>
        <translation>„%1“ wurde bereits entfernt.</translation>
    </message>
    <message>
        <source>“%1” was kept: the keychain refused to delete its password or token (%2). Try again once the keychain is unlocked.</source>
        <translation>„%1“ wurde behalten: Der Schlüsselbund hat das Löschen seines Passworts oder Tokens verweigert (%2). Versuchen Sie es erneut, sobald der Schlüsselbund entsperrt ist.</translation>
    </message>
    <message>
        <source>“%1” could not be removed from the settings.</source>
        <translation>„%1“ konnte nicht aus den Einstellungen entfernt werden.</translation>
    </message>
    <message>
        <source>Testing “%1”…</source>
        <translation>„%1“ wird getestet…</translation>
    </message>
    <message>
        <source>Use Edit… to look at the certificate and decide.</source>
        <translation>Verwenden Sie „Bearbeiten…“, um das Zertifikat anzusehen und zu entscheiden.</translation>
    </message>
    <message>
        <source>Use Edit… to decide whether to send it unencrypted.</source>
        <translation>Verwenden Sie „Bearbeiten…“, um zu entscheiden, ob unverschlüsselt gesendet werden soll.</translation>
    </message>
    <message>
        <source>Use Edit… to enter it again.</source>
        <translation>Verwenden Sie „Bearbeiten…“, um es erneut einzugeben.</translation>
    </message>
    <message>
        <source>User name and password</source>
        <translation>Benutzername und Passwort</translation>
    </message>
    <message>
        <source>Personal access token</source>
        <translation>Persönliches Zugriffstoken</translation>
    </message>
    <message>
        <source>Session (password, cookie)</source>
        <translation>Sitzung (Passwort, Cookie)</translation>
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
        <translation>Es gibt keinen Anwendungslink mit der ID %1.</translation>
    </message>
    <message>
        <source>Check the id in the list of application links.</source>
        <translation>Prüfen Sie die ID in der Liste der Anwendungslinks.</translation>
    </message>
    <message>
        <source>The consumer was not approved.</source>
        <translation>Der Consumer wurde nicht genehmigt.</translation>
    </message>
    <message>
        <source>The consumer was not approved: impersonation needs a Jira system administrator.</source>
        <translation>Der Consumer wurde nicht genehmigt: Der Identitätswechsel erfordert einen Jira-Systemadministrator.</translation>
    </message>
    <message>
        <source>Nothing was sent: correct the fields named.</source>
        <translation>Nichts wurde gesendet: Korrigieren Sie die genannten Felder.</translation>
    </message>
    <message>
        <source>The server refused impersonation: only Jira system administrators may allow it.</source>
        <translation>Der Server hat den Identitätswechsel abgelehnt: Nur Jira-Systemadministratoren dürfen ihn erlauben.</translation>
    </message>
    <message>
        <source>The server accepted the consumer, but reading it back did not confirm it: %1</source>
        <translation>Der Server hat den Consumer akzeptiert, aber das erneute Lesen hat ihn nicht bestätigt: %1</translation>
    </message>
    <message>
        <source>Show the link&apos;s consumer to see what Jira holds now, and approve it again if needed.</source>
        <translation>Lassen Sie den Consumer des Links anzeigen, um zu sehen, was Jira jetzt hat, und genehmigen Sie ihn bei Bedarf erneut.</translation>
    </message>
    <message>
        <source>the link lists no consumer with the key “%1”.</source>
        <translation>Der Link führt keinen Consumer mit dem Key „%1“.</translation>
    </message>
    <message>
        <source>the public key Jira shows is not the one sent (SHA-256 %1).</source>
        <translation>Der öffentliche Schlüssel, den Jira anzeigt, ist nicht der gesendete (SHA-256 %1).</translation>
    </message>
    <message>
        <source>The consumer “%1” is approved on “%2”. Jira holds its %3-bit public key with the SHA-256 fingerprint %4.</source>
        <translation>Der Consumer „%1“ ist auf „%2“ genehmigt. Jira hat seinen öffentlichen %3-Bit-Schlüssel mit dem SHA-256-Fingerabdruck %4.</translation>
    </message>
</context>
<context>
    <name>accessdesk::ConsumerInfoFetcher</name>
    <message>
        <source>Enter the remote application&apos;s address as an absolute http:// or https:// URL, such as https://confluence.example.com.</source>
        <translation>Geben Sie die Adresse der entfernten Anwendung als absolute http://- oder https://-URL ein, etwa https://confluence.example.com.</translation>
    </message>
    <message>
        <source>%1 published the consumer “%2” with a %3-bit public key (SHA-256 %4).</source>
        <translation>%1 hat den Consumer „%2“ mit einem öffentlichen %3-Bit-Schlüssel veröffentlicht (SHA-256 %4).</translation>
    </message>
    <message>
        <source>%1 published the consumer “%2”, but its public key cannot be used: %3</source>
        <translation>%1 hat den Consumer „%2“ veröffentlicht, aber sein öffentlicher Schlüssel kann nicht verwendet werden: %3</translation>
    </message>
    <message>
        <source>Check the address, or enter the consumer key, name and public key by hand.</source>
        <translation>Prüfen Sie die Adresse, oder geben Sie Consumer-Key, Namen und öffentlichen Schlüssel von Hand ein.</translation>
    </message>
    <message>
        <source>Nothing was filled in.</source>
        <translation>Nichts wurde ausgefüllt.</translation>
    </message>
    <message>
        <source>%1 publishes no OAuth consumer information (%2 answered “not found”). It may not be an Atlassian application, or the address lacks its context path (such as /jira).</source>
        <translation>%1 veröffentlicht keine OAuth-Consumer-Informationen (%2 antwortete „nicht gefunden“). Möglicherweise ist es keine Atlassian-Anwendung, oder der Adresse fehlt der Kontextpfad (etwa /jira).</translation>
    </message>
    <message>
        <source>%1 answered with a web page or another document instead of OAuth consumer information, perhaps a login page or a proxy&apos;s (%2).</source>
        <translation>%1 hat statt mit OAuth-Consumer-Informationen mit einer Webseite oder einem anderen Dokument geantwortet, vielleicht einer Anmeldeseite oder der eines Proxys (%2).</translation>
    </message>
    <message>
        <source>The certificate of %1 is not trusted, so its consumer information was not read.</source>
        <translation>Dem Zertifikat von %1 wird nicht vertraut, daher wurden seine Consumer-Informationen nicht gelesen.</translation>
    </message>
    <message>
        <source>Subject: %1; issuer: %2; SHA-256: %3.</source>
        <translation>Inhaber: %1; Aussteller: %2; SHA-256: %3.</translation>
    </message>
    <message>
        <source>Trust the remote&apos;s certificate authority (the CA file option), or enter the consumer key, name and public key by hand.</source>
        <translation>Vertrauen Sie der Zertifizierungsstelle der Gegenseite (Option „CA-Datei“), oder geben Sie Consumer-Key, Namen und öffentlichen Schlüssel von Hand ein.</translation>
    </message>
    <message>
        <source>%1 could not be reached: %2</source>
        <translation>%1 war nicht erreichbar: %2</translation>
    </message>
    <message>
        <source>%1 refused to show its consumer information to an anonymous request, which Atlassian applications do not do.</source>
        <translation>%1 hat sich geweigert, einer anonymen Anfrage seine Consumer-Informationen zu zeigen, was Atlassian-Anwendungen nicht tun.</translation>
    </message>
</context>
<context>
    <name>accessdesk::ConsumerKeyEditor</name>
    <message>
        <source>L&amp;oad from file…</source>
        <translation>Aus Datei la&amp;den…</translation>
    </message>
    <message>
        <source>&amp;Generate key pair…</source>
        <translation>Schlüsselpaar &amp;erzeugen…</translation>
    </message>
    <message>
        <source>Public key</source>
        <translation>Öffentlicher Schlüssel</translation>
    </message>
    <message>
        <source>Paste the consumer&apos;s RSA public key: PEM (-----BEGIN PUBLIC KEY-----) or bare base64, at least 2048 bits.</source>
        <translation>Fügen Sie den öffentlichen RSA-Schlüssel des Consumers ein: PEM (-----BEGIN PUBLIC KEY-----) oder reines Base64, mindestens 2048 Bit.</translation>
    </message>
    <message>
        <source>Load the public key from a file</source>
        <translation>Öffentlichen Schlüssel aus einer Datei laden</translation>
    </message>
    <message>
        <source>Read a PEM or base64 public key (or a certificate) from a file</source>
        <translation>Einen öffentlichen Schlüssel im PEM- oder Base64-Format (oder ein Zertifikat) aus einer Datei lesen</translation>
    </message>
    <message>
        <source>Generate a key pair</source>
        <translation>Schlüsselpaar erzeugen</translation>
    </message>
    <message>
        <source>Make a new RSA key pair: the private key goes to a file you choose, the public key into this form</source>
        <translation>Ein neues RSA-Schlüsselpaar erzeugen: Der private Schlüssel kommt in eine Datei Ihrer Wahl, der öffentliche in dieses Formular</translation>
    </message>
    <message>
        <source>Public key fingerprint</source>
        <translation>Fingerabdruck des öffentlichen Schlüssels</translation>
    </message>
    <message>
        <source>Key pair</source>
        <translation>Schlüsselpaar</translation>
    </message>
    <message>
        <source>RSA, %1 bits. SHA-256 fingerprint: %2</source>
        <translation>RSA, %1 Bit. SHA-256-Fingerabdruck: %2</translation>
    </message>
    <message>
        <source>Load the consumer&apos;s public key</source>
        <translation>Öffentlichen Schlüssel des Consumers laden</translation>
    </message>
    <message>
        <source>Keys and certificates (*.pem *.pub *.crt *.cer *.key);;All files (*)</source>
        <translation>Schlüssel und Zertifikate (*.pem *.pub *.crt *.cer *.key);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>%1 could not be read: %2</source>
        <translation>%1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 holds a private key. Load the public key instead: Jira needs only that, and the private key must stay with the consumer&apos;s application.</source>
        <translation>%1 enthält einen privaten Schlüssel. Laden Sie stattdessen den öffentlichen Schlüssel: Jira benötigt nur diesen, und der private Schlüssel muss bei der Anwendung des Consumers bleiben.</translation>
    </message>
    <message>
        <source>Loaded from %1.</source>
        <translation>Aus %1 geladen.</translation>
    </message>
    <message>
        <source>Save the new private key</source>
        <translation>Neuen privaten Schlüssel speichern</translation>
    </message>
    <message>
        <source>PEM files (*.pem);;All files (*)</source>
        <translation>PEM-Dateien (*.pem);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Replace the file?</source>
        <translation>Datei ersetzen?</translation>
    </message>
    <message>
        <source>%1 already exists. Replace it with the new private key? What it holds now is lost, and whatever uses it stops working.</source>
        <translation>%1 existiert bereits. Durch den neuen privaten Schlüssel ersetzen? Der jetzige Inhalt geht verloren, und alles, was ihn verwendet, funktioniert nicht mehr.</translation>
    </message>
    <message>
        <source>Replace file</source>
        <translation>Datei ersetzen</translation>
    </message>
    <message>
        <source>No key pair was made: %1 was kept as it is.</source>
        <translation>Es wurde kein Schlüsselpaar erzeugt: %1 blieb unverändert.</translation>
    </message>
    <message>
        <source>Making a new key pair…</source>
        <translation>Neues Schlüsselpaar wird erzeugt…</translation>
    </message>
    <message>
        <source>The file has mode 0600; give it to the consumer&apos;s application only.</source>
        <translation>Die Datei hat den Modus 0600; geben Sie sie nur an die Anwendung des Consumers weiter.</translation>
    </message>
</context>
<context>
    <name>accessdesk::ConsumerKeyGenerator</name>
    <message>
        <source>A new %1-bit key pair was made. The private key is in %2, readable by you only; AccessDesk keeps no copy of it.</source>
        <translation>Ein neues %1-Bit-Schlüsselpaar wurde erzeugt. Der private Schlüssel liegt in %2 und ist nur für Sie lesbar; AccessDesk bewahrt keine Kopie davon auf.</translation>
    </message>
    <message>
        <source>No key pair was made.</source>
        <translation>Es wurde kein Schlüsselpaar erzeugt.</translation>
    </message>
</context>
<context>
    <name>accessdesk::ConsumerRemoval</name>
    <message>
        <source>Nothing was removed.</source>
        <translation>Nichts wurde entfernt.</translation>
    </message>
    <message>
        <source>Every access token users gave “%1” stops working at once, and “%1” can no longer ask users for access through “%2”. Jira does not report how many users had authorised it.</source>
        <translation>Jedes Zugriffstoken, das Benutzer „%1“ erteilt haben, funktioniert sofort nicht mehr, und „%1“ kann Benutzer nicht mehr über „%2“ um Zugriff bitten. Jira meldet nicht, wie viele Benutzer es autorisiert hatten.</translation>
    </message>
    <message>
        <source>“%1” has no incoming OAuth consumer; nothing was removed.</source>
        <translation>„%1“ hat keinen eingehenden OAuth-Consumer; nichts wurde entfernt.</translation>
    </message>
    <message>
        <source>The consumer of “%1” is now “%2”, not “%3”: it changed since you looked. Nothing was removed.</source>
        <translation>Der Consumer von „%1“ ist jetzt „%2“, nicht „%3“: Er hat sich seit Ihrer Ansicht geändert. Nichts wurde entfernt.</translation>
    </message>
    <message>
        <source>Show the link&apos;s consumer again, then confirm its removal.</source>
        <translation>Lassen Sie den Consumer des Links erneut anzeigen und bestätigen Sie dann das Entfernen.</translation>
    </message>
    <message>
        <source>the consumer form answered: %1</source>
        <translation>Das Consumer-Formular antwortete: %1</translation>
    </message>
    <message>
        <source>the link&apos;s OAuth status could not be read: %1</source>
        <translation>Der OAuth-Status des Links konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>disabling incoming OAuth was refused: %1</source>
        <translation>Das Deaktivieren von eingehendem OAuth wurde abgelehnt: %1</translation>
    </message>
    <message>
        <source>The consumer “%1” is removed from “%2”: every token users gave it has stopped working.</source>
        <translation>Der Consumer „%1“ wurde von „%2“ entfernt: Jedes Token, das Benutzer ihm erteilt haben, funktioniert nicht mehr.</translation>
    </message>
    <message>
        <source>The removal was cancelled; check the link&apos;s consumer to see if it is gone.</source>
        <translation>Das Entfernen wurde abgebrochen; prüfen Sie den Consumer des Links, um zu sehen, ob er entfernt ist.</translation>
    </message>
    <message>
        <source>AccessDesk asked Jira to remove the consumer “%1” from “%2”, but could not read it back: %3</source>
        <translation>AccessDesk hat Jira gebeten, den Consumer „%1“ von „%2“ zu entfernen, konnte ihn aber nicht erneut lesen: %3</translation>
    </message>
    <message>
        <source>Jira still lists the consumer “%1” on “%2” after AccessDesk asked to remove it.</source>
        <translation>Jira führt den Consumer „%1“ auf „%2“ weiterhin, nachdem AccessDesk das Entfernen angefordert hat.</translation>
    </message>
    <message>
        <source>What Jira said: %1.</source>
        <translation>Was Jira meldete: %1.</translation>
    </message>
    <message>
        <source>Remove it in Jira&apos;s administration: Application links, edit “%1”, Incoming authentication, then check again with “show”.</source>
        <translation>Entfernen Sie ihn in der Jira-Verwaltung: Anwendungslinks, „%1“ bearbeiten, Eingehende Authentifizierung; prüfen Sie dann erneut mit „show“.</translation>
    </message>
</context>
<context>
    <name>accessdesk::ConsumersController</name>
    <message>
        <source>The connection changed to another server before the answer came.</source>
        <translation>Die Verbindung wurde auf einen anderen Server umgestellt, bevor die Antwort kam.</translation>
    </message>
    <message>
        <source>Look at the list of consumers, then try again if needed.</source>
        <translation>Sehen Sie sich die Liste der Consumer an und versuchen Sie es bei Bedarf erneut.</translation>
    </message>
</context>
<context>
    <name>accessdesk::CreateTokenDialog</name>
    <message>
        <source>New personal access token</source>
        <translation>Neues persönliches Zugriffstoken</translation>
    </message>
    <message>
        <source>The connection changed before the server answered. Try again; if My access then lists two tokens of this name, revoke one.</source>
        <translation>Die Verbindung hat sich geändert, bevor der Server antwortete. Versuchen Sie es erneut; wenn „Mein Zugriff“ dann zwei Token dieses Namens aufführt, widerrufen Sie eines.</translation>
    </message>
    <message>
        <source>A personal access token lets a script or tool act as you on %1, with everything you are allowed to do there. Use it instead of your password; revoke it in My access when you no longer need it.</source>
        <translation>Ein persönliches Zugriffstoken erlaubt einem Skript oder Werkzeug, auf %1 in Ihrem Namen zu handeln, mit allem, was Sie dort dürfen. Verwenden Sie es anstelle Ihres Passworts; widerrufen Sie es unter „Mein Zugriff“, wenn Sie es nicht mehr benötigen.</translation>
    </message>
    <message>
        <source>For example: laptop-cli</source>
        <translation>Zum Beispiel: laptop-cli</translation>
    </message>
    <message>
        <source>Token name</source>
        <translation>Tokenname</translation>
    </message>
    <message>
        <source>A name that reminds you where the token is used.</source>
        <translation>Ein Name, der Sie daran erinnert, wo das Token verwendet wird.</translation>
    </message>
    <message>
        <source>Expires after</source>
        <translation>Läuft ab nach</translation>
    </message>
    <message>
        <source>Token expires</source>
        <translation>Token läuft ab</translation>
    </message>
    <message>
        <source> days</source>
        <translation> Tagen</translation>
    </message>
    <message>
        <source>Days until the token expires</source>
        <translation>Tage bis zum Ablauf des Tokens</translation>
    </message>
    <message>
        <source>Never expires</source>
        <translation>Läuft nie ab</translation>
    </message>
    <message>
        <source>Token never expires</source>
        <translation>Token läuft nie ab</translation>
    </message>
    <message>
        <source>This server lets a token last at most %1 days.</source>
        <translation>Dieser Server lässt ein Token höchstens %1 Tage gelten.</translation>
    </message>
    <message>
        <source>Jira allows at most 365 days unless its administrator chose another limit. Some servers do not allow tokens that never expire.</source>
        <translation>Jira erlaubt höchstens 365 Tage, sofern sein Administrator keine andere Grenze gewählt hat. Manche Server erlauben keine Token, die nie ablaufen.</translation>
    </message>
    <message>
        <source>Expiry limit</source>
        <translation>Ablaufgrenze</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Expiry:</source>
        <translation>Ablauf:</translation>
    </message>
    <message>
        <source>Create token</source>
        <translation>Token erstellen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Copy the token now and keep it somewhere safe. It will not be shown again: once you close this window, neither AccessDesk nor the server can show it to you.</source>
        <translation>Kopieren Sie das Token jetzt und bewahren Sie es sicher auf. Es wird nicht noch einmal angezeigt: Sobald Sie dieses Fenster schließen, können weder AccessDesk noch der Server es Ihnen anzeigen.</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>New token</source>
        <translation>Neues Token</translation>
    </message>
    <message>
        <source>Copy token</source>
        <translation>Token kopieren</translation>
    </message>
    <message>
        <source>Copy puts the token on the clipboard; AccessDesk clears the clipboard after a minute if the token is still on it.</source>
        <translation>„Kopieren“ legt das Token in die Zwischenablage; AccessDesk leert die Zwischenablage nach einer Minute, wenn das Token noch darin ist.</translation>
    </message>
    <message>
        <source>Clipboard note</source>
        <translation>Hinweis zur Zwischenablage</translation>
    </message>
    <message>
        <source>Token expiry</source>
        <translation>Ablauf des Tokens</translation>
    </message>
    <message>
        <source>Tools send it in the header “Authorization: Bearer &lt;token&gt;”.</source>
        <translation>Werkzeuge senden es im Header „Authorization: Bearer &lt;token&gt;“.</translation>
    </message>
    <message>
        <source>I have copied it, close</source>
        <translation>Ich habe es kopiert, schließen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Creating…</source>
        <translation>Wird erstellt…</translation>
    </message>
    <message>
        <source>Your new token “%1”</source>
        <translation>Ihr neues Token „%1“</translation>
    </message>
    <message>
        <source>It expires on %1.</source>
        <translation>Es läuft am %1 ab.</translation>
    </message>
    <message>
        <source>It never expires; revoke it in My access when you no longer need it.</source>
        <translation>Es läuft nie ab; widerrufen Sie es unter „Mein Zugriff“, wenn Sie es nicht mehr benötigen.</translation>
    </message>
</context>
<context>
    <name>accessdesk::DateCellDelegate</name>
    <message>
        <source>expired %1</source>
        <comment>%1 is a relative time such as &quot;3 days ago&quot; or &quot;yesterday&quot;</comment>
        <translation>abgelaufen %1</translation>
    </message>
</context>
<context>
    <name>accessdesk::DesktopApp</name>
    <message>
        <source>The command line cannot be used: %1.</source>
        <translation>Die Befehlszeile kann nicht verwendet werden: %1.</translation>
    </message>
</context>
<context>
    <name>accessdesk::ExpiryBanner</name>
    <message>
        <source>Dismiss</source>
        <translation>Ausblenden</translation>
    </message>
    <message>
        <source>Grants that expire soon</source>
        <translation>Bald ablaufende Zugriffsberechtigungen</translation>
    </message>
    <message>
        <source>Dismiss the expiry notice</source>
        <translation>Ablaufhinweis ausblenden</translation>
    </message>
    <message>
        <source>Hide this notice. These grants will not be announced again.</source>
        <translation>Diesen Hinweis ausblenden. Diese Zugriffsberechtigungen werden nicht erneut angekündigt.</translation>
    </message>
    <message>
        <source>Create a replacement…</source>
        <translation>Ersatz erstellen…</translation>
    </message>
    <message>
        <source>Create a replacement for %1</source>
        <translation>Ersatz für %1 erstellen</translation>
    </message>
    <message numerus="yes">
        <source>Create a new personal access token named “%1” that lasts %n day(s), as this one did. Its secret is shown once.</source>
        <translation>
            <numerusform>Ein neues persönliches Zugriffstoken namens „%1“ erstellen, das wie dieses %n Tag gültig ist. Sein Geheimnis wird einmal angezeigt.</numerusform>
            <numerusform>Ein neues persönliches Zugriffstoken namens „%1“ erstellen, das wie dieses %n Tage gültig ist. Sein Geheimnis wird einmal angezeigt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Revoke…</source>
        <translation>Widerrufen…</translation>
    </message>
    <message>
        <source>Revoke %1</source>
        <translation>%1 widerrufen</translation>
    </message>
</context>
<context>
    <name>accessdesk::ExpiryTray</name>
    <message>
        <source>AccessDesk: grants expire soon</source>
        <translation>AccessDesk: Zugriffsberechtigungen laufen bald ab</translation>
    </message>
</context>
<context>
    <name>accessdesk::LinkConsumerJob</name>
    <message>
        <source>There is no application link with the id %1.</source>
        <translation>Es gibt keinen Anwendungslink mit der ID %1.</translation>
    </message>
    <message>
        <source>Check the id in the list of application links.</source>
        <translation>Prüfen Sie die ID in der Liste der Anwendungslinks.</translation>
    </message>
</context>
<context>
    <name>accessdesk::LinkConsumerReader</name>
    <message>
        <source>The consumer could not be shown.</source>
        <translation>Der Consumer konnte nicht angezeigt werden.</translation>
    </message>
    <message>
        <source>“%1” has no incoming OAuth consumer.</source>
        <translation>„%1“ hat keinen eingehenden OAuth-Consumer.</translation>
    </message>
    <message>
        <source>“%1” accepts the OAuth consumer “%2”; its public key&apos;s SHA-256 fingerprint is %3.</source>
        <translation>„%1“ akzeptiert den OAuth-Consumer „%2“; der SHA-256-Fingerabdruck seines öffentlichen Schlüssels ist %3.</translation>
    </message>
    <message>
        <source>“%1” accepts the OAuth consumer “%2”.</source>
        <translation>„%1“ akzeptiert den OAuth-Consumer „%2“.</translation>
    </message>
</context>
<context>
    <name>accessdesk::LoopbackRedirectListener</name>
    <message>
        <source>Access was not granted in the browser.</source>
        <translation>Der Zugriff wurde im Browser nicht gewährt.</translation>
    </message>
    <message>
        <source>The server refused the authorisation (%1).</source>
        <translation>Der Server hat die Autorisierung abgelehnt (%1).</translation>
    </message>
    <message>
        <source>The server refused the authorisation (%1: %2).</source>
        <translation>Der Server hat die Autorisierung abgelehnt (%1: %2).</translation>
    </message>
    <message>
        <source>The browser returned without an authorisation code.</source>
        <translation>Der Browser ist ohne Autorisierungscode zurückgekehrt.</translation>
    </message>
    <message>
        <source>No answer came from the browser in time. Start the sign-in again.</source>
        <translation>Vom Browser kam nicht rechtzeitig eine Antwort. Starten Sie die Anmeldung erneut.</translation>
    </message>
    <message>
        <source>AccessDesk could not listen on 127.0.0.1 for the browser&apos;s answer.</source>
        <translation>AccessDesk konnte auf 127.0.0.1 nicht auf die Antwort des Browsers warten.</translation>
    </message>
    <message>
        <source>The sign-in was cancelled.</source>
        <translation>Die Anmeldung wurde abgebrochen.</translation>
    </message>
    <message>
        <source>This sign-in has already ended.</source>
        <translation>Diese Anmeldung ist bereits beendet.</translation>
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
        <translation>Mein Zugriff</translation>
    </message>
    <message>
        <source>Administration</source>
        <translation>Verwaltung</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Aktivität</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>Page</source>
        <translation>Seite</translation>
    </message>
    <message>
        <source>Administration arrives in a later version.</source>
        <translation>Die Verwaltung folgt in einer späteren Version.</translation>
    </message>
    <message>
        <source>The activity log arrives in a later version.</source>
        <translation>Das Aktivitätsprotokoll folgt in einer späteren Version.</translation>
    </message>
    <message>
        <source>Connection settings arrive in a later version.</source>
        <translation>Die Verbindungseinstellungen folgen in einer späteren Version.</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Connection state</source>
        <translation>Verbindungsstatus</translation>
    </message>
    <message>
        <source>Last refresh</source>
        <translation>Letzte Aktualisierung</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>Server to connect to</source>
        <translation>Server, mit dem verbunden werden soll</translation>
    </message>
    <message>
        <source>Switch to another saved server</source>
        <translation>Zu einem anderen gespeicherten Server wechseln</translation>
    </message>
    <message>
        <source>Add server…</source>
        <translation>Server hinzufügen…</translation>
    </message>
    <message>
        <source>Add server</source>
        <translation>Server hinzufügen</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Nicht verbunden</translation>
    </message>
    <message>
        <source>Not connected — add a server on the Connection page.</source>
        <translation>Nicht verbunden – fügen Sie auf der Seite „Verbindung“ einen Server hinzu.</translation>
    </message>
    <message>
        <source>Add a server…</source>
        <translation>Einen Server hinzufügen…</translation>
    </message>
    <message>
        <source>Add a server</source>
        <translation>Einen Server hinzufügen</translation>
    </message>
    <message>
        <source>%1 as %2</source>
        <translation>%1 als %2</translation>
    </message>
    <message>
        <source>%1 (from the command line)</source>
        <translation>%1 (von der Befehlszeile)</translation>
    </message>
    <message>
        <source>No server saved yet</source>
        <translation>Noch kein Server gespeichert</translation>
    </message>
    <message>
        <source>Choose a server</source>
        <translation>Server auswählen</translation>
    </message>
    <message>
        <source>Could not connect</source>
        <translation>Verbindung fehlgeschlagen</translation>
    </message>
    <message>
        <source>Connection problem</source>
        <translation>Verbindungsproblem</translation>
    </message>
    <message>
        <source>Server: none</source>
        <translation>Server: keiner</translation>
    </message>
    <message>
        <source>User: none</source>
        <translation>Benutzer: keiner</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbindung zu %1 wird hergestellt…</translation>
    </message>
    <message>
        <source>Not connected: %1</source>
        <translation>Nicht verbunden: %1</translation>
    </message>
    <message>
        <source>Not connected — add a server on the Connection page</source>
        <translation>Nicht verbunden – fügen Sie auf der Seite „Verbindung“ einen Server hinzu</translation>
    </message>
    <message>
        <source>Not refreshed yet</source>
        <translation>Noch nicht aktualisiert</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>Server: %1</translation>
    </message>
    <message>
        <source>User: %1</source>
        <translation>Benutzer: %1</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Refreshing…</source>
        <translation>Wird aktualisiert…</translation>
    </message>
    <message>
        <source>Revoking…</source>
        <translation>Wird widerrufen…</translation>
    </message>
    <message>
        <source>Connected; could not switch: %1</source>
        <translation>Verbunden; Wechsel nicht möglich: %1</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbindung wird hergestellt…</translation>
    </message>
    <message>
        <source>Last refresh: %1</source>
        <translation>Letzte Aktualisierung: %1</translation>
    </message>
    <message>
        <source>&amp;Add server…</source>
        <translation>Server &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>Add a Jira server and the way to sign in to it.</source>
        <translation>Einen Jira-Server und die Art der Anmeldung hinzufügen.</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Exportieren…</translation>
    </message>
    <message>
        <source>Save the rows the current page shows as a CSV file.</source>
        <translation>Die Zeilen, die die aktuelle Seite anzeigt, als CSV-Datei speichern.</translation>
    </message>
    <message>
        <source>&amp;Find</source>
        <translation>&amp;Suchen</translation>
    </message>
    <message>
        <source>Put the cursor in the current page&apos;s filter.</source>
        <translation>Den Cursor in den Filter der aktuellen Seite setzen.</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <source>Ask the server for the current page again.</source>
        <translation>Die aktuelle Seite erneut vom Server abrufen.</translation>
    </message>
    <message>
        <source>&amp;Switch server…</source>
        <translation>Server &amp;wechseln…</translation>
    </message>
    <message>
        <source>Open the list of saved servers.</source>
        <translation>Die Liste der gespeicherten Server öffnen.</translation>
    </message>
    <message>
        <source>Show the page %1.</source>
        <translation>Die Seite „%1“ anzeigen.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Close AccessDesk.</source>
        <translation>AccessDesk beenden.</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>Choose the language and when to warn about expiring grants.</source>
        <translation>Die Sprache wählen und festlegen, wann vor ablaufenden Zugriffsberechtigungen gewarnt wird.</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>List every keyboard shortcut of the window.</source>
        <translation>Alle Tastenkürzel des Fensters auflisten.</translation>
    </message>
    <message>
        <source>&amp;About AccessDesk</source>
        <translation>&amp;Über AccessDesk</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>About Qt</source>
        <translation>Über Qt</translation>
    </message>
    <message>
        <source>AccessDesk %1</source>
        <translation>AccessDesk %1</translation>
    </message>
    <message>
        <source>See and revoke what can act as you on Jira Server and Data Center.</source>
        <translation>Sehen und widerrufen, was in Jira Server und Data Center in Ihrem Namen handeln kann.</translation>
    </message>
    <message>
        <source>Qt version: %1 (built with %2).</source>
        <translation>Qt-Version: %1 (erstellt mit %2).</translation>
    </message>
    <message>
        <source>Licence: %1.</source>
        <translation>Lizenz: %1.</translation>
    </message>
    <message>
        <source>About AccessDesk</source>
        <translation>Über AccessDesk</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
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
        <translation>Nicht verbunden: Es wird auf das Passwort oder Token für %1 gewartet.</translation>
    </message>
    <message>
        <source>Local database problem</source>
        <translation>Problem mit der lokalen Datenbank</translation>
    </message>
</context>
<context>
    <name>accessdesk::MyAccessController</name>
    <message>
        <source>Offline: the server cannot be reached, so nothing can be changed until it answers again.</source>
        <translation>Offline: Der Server ist nicht erreichbar, daher kann nichts geändert werden, bis er wieder antwortet.</translation>
    </message>
    <message>
        <source>The server refused your credentials, so nothing can be changed. Check the connection settings.</source>
        <translation>Der Server hat Ihre Anmeldedaten abgelehnt, daher kann nichts geändert werden. Prüfen Sie die Verbindungseinstellungen.</translation>
    </message>
    <message>
        <source>Wait until the list has been loaded from the server.</source>
        <translation>Warten Sie, bis die Liste vom Server geladen wurde.</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not the one trusted for this connection, so nothing was sent. If it was replaced on purpose, check it and trust it again on the Connection page.</source>
        <translation>Das Zertifikat des Servers ist nicht das für diese Verbindung vertraute, daher wurde nichts gesendet. Wurde es absichtlich ersetzt, prüfen Sie es und vertrauen Sie ihm auf der Seite „Verbindung“ erneut.</translation>
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
        <translation>Es wurde keine Beschreibung angegeben.</translation>
    </message>
    <message>
        <source>not reported</source>
        <translation>nicht gemeldet</translation>
    </message>
    <message>
        <source>The server does not report when OAuth grants expire.</source>
        <translation>Der Server meldet nicht, wann OAuth-Zugriffsberechtigungen ablaufen.</translation>
    </message>
    <message>
        <source>The server reports when personal tokens were last used, but not OAuth grants.</source>
        <translation>Der Server meldet, wann persönliche Token zuletzt verwendet wurden, aber nicht für OAuth-Zugriffsberechtigungen.</translation>
    </message>
    <message>
        <source>The server reported no scopes.</source>
        <translation>Der Server hat keine Bereiche gemeldet.</translation>
    </message>
    <message>
        <source>everything you can do</source>
        <translation>alles, was Sie tun können</translation>
    </message>
    <message>
        <source>Personal tokens and OAuth 1.0a grants have no scopes: they can do everything you can do on the server.</source>
        <translation>Persönliche Token und OAuth 1.0a-Zugriffsberechtigungen haben keine Bereiche: Sie können alles, was Sie auf dem Server tun können.</translation>
    </message>
    <message>
        <source>Revoke…</source>
        <translation>Widerrufen…</translation>
    </message>
    <message>
        <source>Revoke all…</source>
        <translation>Alle widerrufen…</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <source>New token…</source>
        <translation>Neues Token…</translation>
    </message>
    <message>
        <source>Answer a request for access…</source>
        <translation>Zugriffsanfrage beantworten…</translation>
    </message>
    <message>
        <source>Open in browser</source>
        <translation>Im Browser öffnen</translation>
    </message>
    <message>
        <source>My access</source>
        <translation>Mein Zugriff</translation>
    </message>
    <message>
        <source>Filter grants</source>
        <translation>Zugriffsberechtigungen filtern</translation>
    </message>
    <message>
        <source>Grants</source>
        <translation>Zugriffsberechtigungen</translation>
    </message>
    <message>
        <source>Grant details</source>
        <translation>Details zur Zugriffsberechtigung</translation>
    </message>
    <message>
        <source>Revoke selected grants</source>
        <translation>Ausgewählte Zugriffsberechtigungen widerrufen</translation>
    </message>
    <message>
        <source>Revoke all grants</source>
        <translation>Alle Zugriffsberechtigungen widerrufen</translation>
    </message>
    <message>
        <source>Refresh the list</source>
        <translation>Liste aktualisieren</translation>
    </message>
    <message>
        <source>Export the list as CSV</source>
        <translation>Liste als CSV exportieren</translation>
    </message>
    <message>
        <source>Save the rows shown (after filtering) as a CSV file.</source>
        <translation>Die angezeigten Zeilen (nach dem Filtern) als CSV-Datei speichern.</translation>
    </message>
    <message>
        <source>Create a personal access token</source>
        <translation>Persönliches Zugriffstoken erstellen</translation>
    </message>
    <message>
        <source>Answer a request for access</source>
        <translation>Zugriffsanfrage beantworten</translation>
    </message>
    <message>
        <source>List status</source>
        <translation>Listenstatus</translation>
    </message>
    <message>
        <source>List notice</source>
        <translation>Listenhinweis</translation>
    </message>
    <message>
        <source>Grants that could not be read</source>
        <translation>Zugriffsberechtigungen, die nicht gelesen werden konnten</translation>
    </message>
    <message>
        <source>Open the access tokens page in the browser</source>
        <translation>Seite mit den Zugriffstoken im Browser öffnen</translation>
    </message>
    <message numerus="yes">
        <source>%n grant(s) on this page could not be read — open it in the browser: %1</source>
        <translation>
            <numerusform>%n Zugriffsberechtigung auf dieser Seite konnte nicht gelesen werden – öffnen Sie sie im Browser: %1</numerusform>
            <numerusform>%n Zugriffsberechtigungen auf dieser Seite konnten nicht gelesen werden – öffnen Sie sie im Browser: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Revoke the selected grants (Delete).</source>
        <translation>Die ausgewählten Zugriffsberechtigungen widerrufen (Entf).</translation>
    </message>
    <message>
        <source>Revoke every grant in the list, for a clean slate.</source>
        <translation>Jede Zugriffsberechtigung in der Liste widerrufen, für einen Neuanfang.</translation>
    </message>
    <message>
        <source>Create a personal access token for a script or tool.</source>
        <translation>Ein persönliches Zugriffstoken für ein Skript oder Werkzeug erstellen.</translation>
    </message>
    <message>
        <source>Paste the link an application gave you and allow or deny its request.</source>
        <translation>Den Link einfügen, den eine Anwendung Ihnen gegeben hat, und ihre Anfrage erlauben oder ablehnen.</translation>
    </message>
    <message>
        <source>Loading grants…</source>
        <translation>Zugriffsberechtigungen werden geladen…</translation>
    </message>
    <message>
        <source>Revoking…</source>
        <translation>Wird widerrufen…</translation>
    </message>
    <message>
        <source>Could not load the grants: %1</source>
        <translation>Die Zugriffsberechtigungen konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>Offline — showing the list as of %1. The server cannot be reached; you can still filter and export. Refresh tries again.</source>
        <translation>Offline – die Liste vom %1 wird angezeigt. Der Server ist nicht erreichbar; Sie können trotzdem filtern und exportieren. „Aktualisieren“ versucht es erneut.</translation>
    </message>
    <message>
        <source>Offline — the server cannot be reached. Refresh tries again.</source>
        <translation>Offline – der Server ist nicht erreichbar. „Aktualisieren“ versucht es erneut.</translation>
    </message>
    <message>
        <source>Credentials refused: %1</source>
        <translation>Anmeldedaten abgelehnt: %1</translation>
    </message>
    <message>
        <source>Showing the list as of %1.</source>
        <translation>Die Liste vom %1 wird angezeigt.</translation>
    </message>
    <message>
        <source>Showing the list as of %1 while the server is asked for the current one…</source>
        <translation>Die Liste vom %1 wird angezeigt, während der Server nach der aktuellen gefragt wird…</translation>
    </message>
    <message>
        <source>Showing the list as of %1. Refresh asks the server for the current one.</source>
        <translation>Die Liste vom %1 wird angezeigt. „Aktualisieren“ fragt den Server nach der aktuellen.</translation>
    </message>
    <message>
        <source>revoked 1 grant.</source>
        <translation>1 Zugriffsberechtigung widerrufen.</translation>
    </message>
    <message>
        <source>revoked %1 grants.</source>
        <translation>%1 Zugriffsberechtigungen widerrufen.</translation>
    </message>
    <message>
        <source>revoked %1, %2 failed.</source>
        <translation>%1 widerrufen, %2 fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Select a grant to see its details.</source>
        <translation>Wählen Sie eine Zugriffsberechtigung aus, um ihre Details zu sehen.</translation>
    </message>
    <message>
        <source>%1 grants selected.</source>
        <translation>%1 Zugriffsberechtigungen ausgewählt.</translation>
    </message>
    <message>
        <source>Kind: %1</source>
        <translation>Art: %1</translation>
    </message>
    <message>
        <source>Description: %1</source>
        <translation>Beschreibung: %1</translation>
    </message>
    <message>
        <source>Link: %1</source>
        <translation>Link: %1</translation>
    </message>
    <message>
        <source>Issued: %1</source>
        <translation>Ausgestellt: %1</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Expires: %1</source>
        <translation>Läuft ab: %1</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>not reported by the server</source>
        <translation>vom Server nicht gemeldet</translation>
    </message>
    <message>
        <source>Last used: %1</source>
        <translation>Zuletzt verwendet: %1</translation>
    </message>
    <message>
        <source>Scopes: %1</source>
        <translation>Bereiche: %1</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>Hinweis: %1</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>Copy the selected rows as plain text.</source>
        <translation>Die ausgewählten Zeilen als reinen Text kopieren.</translation>
    </message>
    <message>
        <source>&amp;Details…</source>
        <translation>&amp;Details…</translation>
    </message>
    <message>
        <source>Show the details of the selected grant.</source>
        <translation>Die Details der ausgewählten Zugriffsberechtigung anzeigen.</translation>
    </message>
    <message numerus="yes">
        <source>%n grant(s) hidden by the filter will be kept.</source>
        <translation>
            <numerusform>%n vom Filter ausgeblendete Zugriffsberechtigung bleibt erhalten.</numerusform>
            <numerusform>%n vom Filter ausgeblendete Zugriffsberechtigungen bleiben erhalten.</numerusform>
        </translation>
    </message>
    <message>
        <source>Revoke all shown…</source>
        <translation>Alle angezeigten widerrufen…</translation>
    </message>
    <message>
        <source>Revoke all grants shown</source>
        <translation>Alle angezeigten Zugriffsberechtigungen widerrufen</translation>
    </message>
    <message numerus="yes">
        <source>Revoke the %n grant(s) the filter shows; the hidden ones are kept.</source>
        <translation>
            <numerusform>Die %n Zugriffsberechtigung widerrufen, die der Filter anzeigt; die ausgeblendeten bleiben erhalten.</numerusform>
            <numerusform>Die %n Zugriffsberechtigungen widerrufen, die der Filter anzeigt; die ausgeblendeten bleiben erhalten.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n grant(s)</source>
        <comment>shown by the filter, of all</comment>
        <translation>
            <numerusform>%1 von %n Zugriffsberechtigung</numerusform>
            <numerusform>%1 von %n Zugriffsberechtigungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n grant(s)</source>
        <translation>
            <numerusform>%n Zugriffsberechtigung</numerusform>
            <numerusform>%n Zugriffsberechtigungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n grant(s) in the copy of this list saved on this computer could not be read. The server&apos;s list replaces the copy when it answers; to see them now, open the page in the browser: %1</source>
        <translation>
            <numerusform>%n Zugriffsberechtigung in der auf diesem Computer gespeicherten Kopie dieser Liste konnte nicht gelesen werden. Die Liste des Servers ersetzt die Kopie, sobald er antwortet; um sie jetzt zu sehen, öffnen Sie die Seite im Browser: %1</numerusform>
            <numerusform>%n Zugriffsberechtigungen in der auf diesem Computer gespeicherten Kopie dieser Liste konnten nicht gelesen werden. Die Liste des Servers ersetzt die Kopie, sobald er antwortet; um sie jetzt zu sehen, öffnen Sie die Seite im Browser: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>accessdesk::OAuth1Authorizer</name>
    <message>
        <source>No verification code was given: the server shows it after you allow access.</source>
        <translation>Es wurde kein Bestätigungscode angegeben: Der Server zeigt ihn an, nachdem Sie den Zugriff erlaubt haben.</translation>
    </message>
    <message>
        <source>The authorisation was never started.</source>
        <translation>Die Autorisierung wurde nie gestartet.</translation>
    </message>
</context>
<context>
    <name>accessdesk::OAuth2ClientCreator</name>
    <message>
        <source>The OAuth 2.0 client was not created.</source>
        <translation>Der OAuth 2.0-Client wurde nicht erstellt.</translation>
    </message>
    <message>
        <source>The server&apos;s answer lacks the new client&apos;s id or secret.</source>
        <translation>In der Antwort des Servers fehlen die ID oder das Geheimnis des neuen Clients.</translation>
    </message>
    <message>
        <source>The server created “%1” (client id %2), but reading it back failed: %3</source>
        <translation>Der Server hat „%1“ erstellt (Client-ID %2), aber das erneute Lesen ist fehlgeschlagen: %3</translation>
    </message>
    <message>
        <source>The server created “%1”, but now shows another client under its id.</source>
        <translation>Der Server hat „%1“ erstellt, zeigt unter dessen ID jetzt aber einen anderen Client.</translation>
    </message>
    <message>
        <source>The OAuth 2.0 client “%1” is registered with the client id %2. Copy its secret now: AccessDesk shows it this once and keeps no copy.</source>
        <translation>Der OAuth 2.0-Client „%1“ ist mit der Client-ID %2 registriert. Kopieren Sie jetzt sein Geheimnis: AccessDesk zeigt es nur dieses eine Mal an und bewahrt keine Kopie auf.</translation>
    </message>
</context>
<context>
    <name>accessdesk::OAuth2ClientDialog</name>
    <message>
        <source>READ — view what the user can view</source>
        <translation>READ – sehen, was der Benutzer sehen kann</translation>
    </message>
    <message>
        <source>WRITE — also create and change issues and other data</source>
        <translation>WRITE – außerdem Vorgänge und andere Daten erstellen und ändern</translation>
    </message>
    <message>
        <source>ADMIN — also administer projects and Jira</source>
        <translation>ADMIN – außerdem Projekte und Jira verwalten</translation>
    </message>
    <message>
        <source>SYSTEM_ADMIN — everything a system administrator can do</source>
        <translation>SYSTEM_ADMIN – alles, was ein Systemadministrator tun kann</translation>
    </message>
    <message>
        <source>Edit OAuth 2.0 client</source>
        <translation>OAuth 2.0-Client bearbeiten</translation>
    </message>
    <message>
        <source>New OAuth 2.0 client</source>
        <translation>Neuer OAuth 2.0-Client</translation>
    </message>
    <message>
        <source>Change the name, the redirect URLs or the scope of “%1”. Its client ID and secret stay the same.</source>
        <translation>Namen, Weiterleitungs-URLs oder Bereich von „%1“ ändern. Client-ID und Geheimnis bleiben gleich.</translation>
    </message>
    <message>
        <source>An OAuth 2.0 client is an application that signs users in with Jira and then acts as them, within its scope. Jira makes its client ID and secret; the secret is shown once.</source>
        <translation>Ein OAuth 2.0-Client ist eine Anwendung, die Benutzer über Jira anmeldet und dann innerhalb ihres Bereichs in deren Namen handelt. Jira erzeugt Client-ID und Geheimnis; das Geheimnis wird einmal angezeigt.</translation>
    </message>
    <message>
        <source>Client name</source>
        <translation>Clientname</translation>
    </message>
    <message>
        <source>Shown to users when the application asks for access</source>
        <translation>Wird Benutzern angezeigt, wenn die Anwendung um Zugriff bittet</translation>
    </message>
    <message>
        <source>Redirect URLs, one per line</source>
        <translation>Weiterleitungs-URLs, eine pro Zeile</translation>
    </message>
    <message>
        <source>https://app.example.com/oauth/callback
http://127.0.0.1:8765/callback</source>
        <translation>https://app.example.com/oauth/callback
http://127.0.0.1:8765/callback</translation>
    </message>
    <message>
        <source>Where Jira may send users back after they allowed access: https:// URLs, or http:// on localhost only.</source>
        <translation>Wohin Jira Benutzer zurückschicken darf, nachdem sie den Zugriff erlaubt haben: https://-URLs, oder http:// nur für localhost.</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Bereich</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Redirect URLs:</source>
        <translation>&amp;Weiterleitungs-URLs:</translation>
    </message>
    <message>
        <source>One per line. Jira sends users back only to these addresses.</source>
        <translation>Eine pro Zeile. Jira schickt Benutzer nur an diese Adressen zurück.</translation>
    </message>
    <message>
        <source>Sco&amp;pe:</source>
        <translation>Be&amp;reich:</translation>
    </message>
    <message>
        <source>&amp;Save changes</source>
        <translation>Änderungen &amp;speichern</translation>
    </message>
    <message>
        <source>&amp;Create client</source>
        <translation>Client &amp;erstellen</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>Änderungen speichern</translation>
    </message>
    <message>
        <source>Create client</source>
        <translation>Client erstellen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Line %1: %2</source>
        <translation>Zeile %1: %2</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <source>Creating…</source>
        <translation>Wird erstellt…</translation>
    </message>
    <message>
        <source>Nothing was sent: correct the fields marked.</source>
        <translation>Nichts wurde gesendet: Korrigieren Sie die markierten Felder.</translation>
    </message>
</context>
<context>
    <name>accessdesk::OAuth2ClientJob</name>
    <message>
        <source>OAuth 2.0 clients are not available on this server: Jira has an OAuth 2.0 provider from version 8.22 on, and this server has none.</source>
        <translation>OAuth 2.0-Clients sind auf diesem Server nicht verfügbar: Jira hat ab Version 8.22 einen OAuth 2.0-Anbieter, und dieser Server hat keinen.</translation>
    </message>
    <message>
        <source>Upgrade Jira to 8.22 or later to register OAuth 2.0 clients; until then, applications can use OAuth 1.0a through an application link.</source>
        <translation>Aktualisieren Sie Jira auf 8.22 oder neuer, um OAuth 2.0-Clients zu registrieren; bis dahin können Anwendungen OAuth 1.0a über einen Anwendungslink verwenden.</translation>
    </message>
    <message>
        <source>No OAuth 2.0 client has the id or client id “%1”.</source>
        <translation>Kein OAuth 2.0-Client hat die ID oder Client-ID „%1“.</translation>
    </message>
    <message>
        <source>List the clients to see their ids.</source>
        <translation>Listen Sie die Clients auf, um ihre IDs zu sehen.</translation>
    </message>
    <message>
        <source>Nothing was sent: correct the fields named.</source>
        <translation>Nichts wurde gesendet: Korrigieren Sie die genannten Felder.</translation>
    </message>
    <message>
        <source>List the clients to see what Jira holds now.</source>
        <translation>Listen Sie die Clients auf, um zu sehen, was Jira jetzt hat.</translation>
    </message>
</context>
<context>
    <name>accessdesk::OAuth2ClientList</name>
    <message>
        <source>The OAuth 2.0 clients could not be listed.</source>
        <translation>Die OAuth 2.0-Clients konnten nicht aufgelistet werden.</translation>
    </message>
    <message numerus="yes">
        <source>The server has %n OAuth 2.0 client(s).</source>
        <translation>
            <numerusform>Der Server hat %n OAuth 2.0-Client.</numerusform>
            <numerusform>Der Server hat %n OAuth 2.0-Clients.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>accessdesk::OAuth2ClientRemoval</name>
    <message>
        <source>The OAuth 2.0 client was not deleted.</source>
        <translation>Der OAuth 2.0-Client wurde nicht gelöscht.</translation>
    </message>
    <message>
        <source>“%1” is deleted with every authorisation users gave it: the applications using it lose access at once and cannot sign users in again.</source>
        <translation>„%1“ wird mit jeder Autorisierung gelöscht, die Benutzer ihm erteilt haben: Die Anwendungen, die ihn verwenden, verlieren sofort den Zugriff und können keine Benutzer mehr anmelden.</translation>
    </message>
    <message>
        <source>The OAuth 2.0 client “%1” is deleted.</source>
        <translation>Der OAuth 2.0-Client „%1“ ist gelöscht.</translation>
    </message>
    <message>
        <source>Jira answered that “%1” was deleted, but still shows it.</source>
        <translation>Jira hat geantwortet, dass „%1“ gelöscht wurde, zeigt ihn aber weiterhin an.</translation>
    </message>
    <message>
        <source>Jira answered that “%1” was deleted, but reading it back failed: %2</source>
        <translation>Jira hat geantwortet, dass „%1“ gelöscht wurde, aber das erneute Lesen ist fehlgeschlagen: %2</translation>
    </message>
</context>
<context>
    <name>accessdesk::OAuth2ClientSecretReset</name>
    <message>
        <source>The client secret was not reset.</source>
        <translation>Das Client-Geheimnis wurde nicht zurückgesetzt.</translation>
    </message>
    <message>
        <source>The current secret of “%1” stops working at once: every application that uses it cannot sign users in or refresh tokens until it is given the new secret, which is shown only once.</source>
        <translation>Das aktuelle Geheimnis von „%1“ funktioniert sofort nicht mehr: Jede Anwendung, die es verwendet, kann weder Benutzer anmelden noch Token erneuern, bis sie das neue Geheimnis erhält, das nur einmal angezeigt wird.</translation>
    </message>
    <message>
        <source>The server&apos;s answer carries no new secret for “%1”.</source>
        <translation>Die Antwort des Servers enthält kein neues Geheimnis für „%1“.</translation>
    </message>
    <message>
        <source>Jira reset the secret of “%1”, but now holds another one than it answered.</source>
        <translation>Jira hat das Geheimnis von „%1“ zurückgesetzt, hat jetzt aber ein anderes als das, mit dem es geantwortet hat.</translation>
    </message>
    <message>
        <source>Jira reset the secret of “%1”, but reading the client back failed: %2</source>
        <translation>Jira hat das Geheimnis von „%1“ zurückgesetzt, aber das erneute Lesen des Clients ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>The OAuth 2.0 client “%1” has a new secret; the old one no longer works. Copy the new one now: AccessDesk shows it this once and keeps no copy.</source>
        <translation>Der OAuth 2.0-Client „%1“ hat ein neues Geheimnis; das alte funktioniert nicht mehr. Kopieren Sie jetzt das neue: AccessDesk zeigt es nur dieses eine Mal an und bewahrt keine Kopie auf.</translation>
    </message>
</context>
<context>
    <name>accessdesk::OAuth2ClientUpdater</name>
    <message>
        <source>The OAuth 2.0 client was not changed.</source>
        <translation>Der OAuth 2.0-Client wurde nicht geändert.</translation>
    </message>
    <message>
        <source>Nothing to change: give a new name, redirect URLs or scope.</source>
        <translation>Nichts zu ändern: Geben Sie einen neuen Namen, neue Weiterleitungs-URLs oder einen neuen Bereich an.</translation>
    </message>
    <message>
        <source>Jira accepted the change to “%1”, but reading the client back failed: %2</source>
        <translation>Jira hat die Änderung an „%1“ akzeptiert, aber das erneute Lesen des Clients ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>the name</source>
        <translation>den Namen</translation>
    </message>
    <message>
        <source>the scope</source>
        <translation>den Bereich</translation>
    </message>
    <message>
        <source>the redirect URLs</source>
        <translation>die Weiterleitungs-URLs</translation>
    </message>
    <message>
        <source>Jira accepted the change to “%1”, but the client it shows now has other values for %2.</source>
        <translation>Jira hat die Änderung an „%1“ akzeptiert, aber der jetzt angezeigte Client hat andere Werte für %2.</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>The OAuth 2.0 client “%1” is changed.</source>
        <translation>Der OAuth 2.0-Client „%1“ ist geändert.</translation>
    </message>
</context>
<context>
    <name>accessdesk::OAuth2ClientsController</name>
    <message>
        <source>The connection changed to another server before the answer came.</source>
        <translation>Die Verbindung wurde auf einen anderen Server umgestellt, bevor die Antwort kam.</translation>
    </message>
    <message>
        <source>Look at the list of OAuth 2.0 clients, then try again if needed.</source>
        <translation>Sehen Sie sich die Liste der OAuth 2.0-Clients an und versuchen Sie es bei Bedarf erneut.</translation>
    </message>
</context>
<context>
    <name>accessdesk::OAuth2Refresher</name>
    <message>
        <source>The OAuth 2.0 access token no longer works and there is no refresh token: sign in again.</source>
        <translation>Das OAuth 2.0-Zugriffstoken funktioniert nicht mehr, und es gibt kein Refresh-Token: Melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>The server refused the OAuth 2.0 refresh token (%1): sign in again.</source>
        <translation>Der Server hat das OAuth 2.0-Refresh-Token abgelehnt (%1): Melden Sie sich erneut an.</translation>
    </message>
</context>
<context>
    <name>accessdesk::OAuth2Renewal</name>
    <message>
        <source>the keychain keeps them only until the program ends</source>
        <translation>der Schlüsselbund bewahrt sie nur bis zum Programmende auf</translation>
    </message>
</context>
<context>
    <name>accessdesk::PersonalTokenController</name>
    <message>
        <source>This server lets a token last at most %1 days (it said: “%2”). Choose fewer days, then create the token again.</source>
        <translation>Dieser Server lässt ein Token höchstens %1 Tage gelten (er meldete: „%2“). Wählen Sie weniger Tage und erstellen Sie das Token dann erneut.</translation>
    </message>
    <message>
        <source>The token may have been created all the same: look in My access before you create it again.</source>
        <translation>Das Token wurde möglicherweise trotzdem erstellt: Sehen Sie in „Mein Zugriff“ nach, bevor Sie es erneut erstellen.</translation>
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
        <translation>Token-ID: %1</translation>
    </message>
    <message>
        <source>Owner: %1</source>
        <translation>Besitzer: %1</translation>
    </message>
    <message>
        <source>E-mail: %1</source>
        <translation>E-Mail: %1</translation>
    </message>
    <message>
        <source>Created: %1</source>
        <translation>Erstellt: %1</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>Expires: %1</source>
        <translation>Läuft ab: %1</translation>
    </message>
    <message>
        <source>Expires: never</source>
        <translation>Läuft ab: nie</translation>
    </message>
    <message>
        <source>Last used: %1</source>
        <translation>Zuletzt verwendet: %1</translation>
    </message>
    <message>
        <source>Last used: never</source>
        <translation>Zuletzt verwendet: nie</translation>
    </message>
    <message>
        <source>If you revoke it, scripts and tools that use this token are refused by Jira from then on.</source>
        <translation>Wenn Sie es widerrufen, weist Jira Skripte und Werkzeuge, die dieses Token verwenden, ab sofort ab.</translation>
    </message>
    <message>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <source>%1 (expired)</source>
        <translation>%1 (abgelaufen)</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Besitzer</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Expires</source>
        <translation>Läuft ab</translation>
    </message>
    <message>
        <source>Last used</source>
        <translation>Zuletzt verwendet</translation>
    </message>
</context>
<context>
    <name>accessdesk::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemstandard</translation>
    </message>
    <message>
        <source>A change of language takes effect after a restart.</source>
        <translation>Eine Änderung der Sprache wird nach einem Neustart wirksam.</translation>
    </message>
    <message>
        <source>Days before expiry to warn</source>
        <translation>Tage vor Ablauf für die Warnung</translation>
    </message>
    <message>
        <source>Grants that expire within this many days are announced once.</source>
        <translation>Zugriffsberechtigungen, die innerhalb dieser Anzahl Tage ablaufen, werden einmal angekündigt.</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <source>&amp;Warn about expiring grants this many days before:</source>
        <translation>Vor ablaufenden Zugriffsberechtigungen so viele Tage vorher &amp;warnen:</translation>
    </message>
    <message>
        <source>Save the preferences</source>
        <translation>Einstellungen speichern</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>accessdesk::ProfileSaver</name>
    <message>
        <source>The server address changed, so the password or token must be entered again: a stored secret is never sent to another server unasked.</source>
        <translation>Die Serveradresse hat sich geändert, daher muss das Passwort oder Token erneut eingegeben werden: Ein gespeichertes Geheimnis wird nie ungefragt an einen anderen Server gesendet.</translation>
    </message>
</context>
<context>
    <name>accessdesk::RemoteConsumerFetch</name>
    <message>
        <source>&amp;Fetch from the remote</source>
        <translation>Von der Gegenseite ab&amp;rufen</translation>
    </message>
    <message>
        <source>Fill in from the remote application</source>
        <translation>Aus der entfernten Anwendung ausfüllen</translation>
    </message>
    <message>
        <source>Address of the remote application</source>
        <translation>Adresse der entfernten Anwendung</translation>
    </message>
    <message>
        <source>https://app.example.com</source>
        <translation>https://app.example.com</translation>
    </message>
    <message>
        <source>The application&apos;s base URL, or its /plugins/servlet/oauth/consumer-info address</source>
        <translation>Die Basis-URL der Anwendung oder ihre Adresse /plugins/servlet/oauth/consumer-info</translation>
    </message>
    <message>
        <source>Fetch the consumer from the remote application</source>
        <translation>Den Consumer von der entfernten Anwendung abrufen</translation>
    </message>
    <message>
        <source>Fill in the consumer key, name and public key the application publishes (Atlassian applications do)</source>
        <translation>Consumer-Key, Namen und öffentlichen Schlüssel ausfüllen, die die Anwendung veröffentlicht (Atlassian-Anwendungen tun das)</translation>
    </message>
    <message>
        <source>What the remote published</source>
        <translation>Was die Gegenseite veröffentlicht hat</translation>
    </message>
    <message>
        <source>Asking %1…</source>
        <translation>%1 wird gefragt…</translation>
    </message>
</context>
<context>
    <name>accessdesk::RequestForAccessController</name>
    <message>
        <source>This request has expired: an application&apos;s request must be answered within minutes. Ask the application to start again, then paste the new link.</source>
        <translation>Diese Anfrage ist abgelaufen: Die Anfrage einer Anwendung muss innerhalb weniger Minuten beantwortet werden. Bitten Sie die Anwendung, neu zu beginnen, und fügen Sie dann den neuen Link ein.</translation>
    </message>
    <message>
        <source>This request has already been answered. If the application still needs access, ask it to start again.</source>
        <translation>Diese Anfrage wurde bereits beantwortet. Wenn die Anwendung weiterhin Zugriff benötigt, bitten Sie sie, neu zu beginnen.</translation>
    </message>
    <message>
        <source>The server does not know this request. The link may be cut short (copy all of it) or the request may be too old. Ask the application for a new link.</source>
        <translation>Der Server kennt diese Anfrage nicht. Der Link ist möglicherweise abgeschnitten (kopieren Sie ihn vollständig), oder die Anfrage ist zu alt. Bitten Sie die Anwendung um einen neuen Link.</translation>
    </message>
    <message>
        <source>The server refused this request for access (%1). Ask the application to start again.</source>
        <translation>Der Server hat diese Zugriffsanfrage abgelehnt (%1). Bitten Sie die Anwendung, neu zu beginnen.</translation>
    </message>
    <message>
        <source>The server did not show a request for access for this link, so there is nothing to allow or deny. Open the link in a browser to see what the server says. (Details: %1)</source>
        <translation>Der Server hat für diesen Link keine Zugriffsanfrage angezeigt, daher gibt es nichts zu erlauben oder abzulehnen. Öffnen Sie den Link in einem Browser, um zu sehen, was der Server meldet. (Details: %1)</translation>
    </message>
    <message>
        <source>Try again in a moment: the request stays open for a few minutes.</source>
        <translation>Versuchen Sie es gleich noch einmal: Die Anfrage bleibt einige Minuten offen.</translation>
    </message>
    <message>
        <source>Paste the link the application gave you.</source>
        <translation>Fügen Sie den Link ein, den die Anwendung Ihnen gegeben hat.</translation>
    </message>
    <message>
        <source>This is not a web address. Paste the whole link the application gave you; it looks like %1</source>
        <translation>Dies ist keine Webadresse. Fügen Sie den ganzen Link ein, den die Anwendung Ihnen gegeben hat; er sieht so aus: %1</translation>
    </message>
    <message>
        <source>This link is for another server (%1), but AccessDesk is connected to %2. Answer it from a connection to %1, or ask the application for a link to %2.</source>
        <translation>Dieser Link gilt für einen anderen Server (%1), AccessDesk ist aber mit %2 verbunden. Beantworten Sie ihn über eine Verbindung zu %1, oder bitten Sie die Anwendung um einen Link zu %2.</translation>
    </message>
    <message>
        <source>This link points to %1 but is not a request for access. Such a link looks like %2</source>
        <translation>Dieser Link verweist auf %1, ist aber keine Zugriffsanfrage. Ein solcher Link sieht so aus: %2</translation>
    </message>
    <message>
        <source>The link is cut short: the part after “oauth_token=” is missing. Copy the whole link and try again.</source>
        <translation>Der Link ist abgeschnitten: Der Teil nach „oauth_token=“ fehlt. Kopieren Sie den ganzen Link und versuchen Sie es erneut.</translation>
    </message>
</context>
<context>
    <name>accessdesk::RequestForAccessDialog</name>
    <message>
        <source>An application</source>
        <translation>Eine Anwendung</translation>
    </message>
    <message>
        <source>Request for access</source>
        <translation>Zugriffsanfrage</translation>
    </message>
    <message>
        <source>Answer an application&apos;s request for access</source>
        <translation>Die Zugriffsanfrage einer Anwendung beantworten</translation>
    </message>
    <message>
        <source>An application that wants to work with your account on %1 gives you a link to open. Paste that link here: AccessDesk shows who asks, and you allow or deny it.</source>
        <translation>Eine Anwendung, die mit Ihrem Konto auf %1 arbeiten möchte, gibt Ihnen einen Link zum Öffnen. Fügen Sie diesen Link hier ein: AccessDesk zeigt, wer anfragt, und Sie erlauben oder verweigern es.</translation>
    </message>
    <message>
        <source>Authorisation link</source>
        <translation>Autorisierungslink</translation>
    </message>
    <message>
        <source>Show request</source>
        <translation>Anfrage anzeigen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Who asks</source>
        <translation>Wer anfragt</translation>
    </message>
    <message>
        <source>Application description</source>
        <translation>Beschreibung der Anwendung</translation>
    </message>
    <message>
        <source>What it could do</source>
        <translation>Was sie tun könnte</translation>
    </message>
    <message>
        <source>Allow only an application you know and asked to connect. If you did not start this, deny it.</source>
        <translation>Erlauben Sie nur einer Anwendung, die Sie kennen und selbst verbinden wollten. Wenn Sie dies nicht gestartet haben, lehnen Sie ab.</translation>
    </message>
    <message>
        <source>Allow</source>
        <translation>Erlauben</translation>
    </message>
    <message>
        <source>Deny</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <source>Decide later</source>
        <translation>Später entscheiden</translation>
    </message>
    <message>
        <source>Close without answering; the request stays open for a few minutes.</source>
        <translation>Ohne Antwort schließen; die Anfrage bleibt einige Minuten offen.</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>What to do next</source>
        <translation>Wie es weitergeht</translation>
    </message>
    <message>
        <source>Verification code</source>
        <translation>Bestätigungscode</translation>
    </message>
    <message>
        <source>Copy verification code</source>
        <translation>Bestätigungscode kopieren</translation>
    </message>
    <message>
        <source>Return to the application in the browser</source>
        <translation>Im Browser zur Anwendung zurückkehren</translation>
    </message>
    <message>
        <source>Return to the application</source>
        <translation>Zur Anwendung zurückkehren</translation>
    </message>
    <message>
        <source>Opens the application&apos;s own address, as a browser would after you allow it, so it can carry on.</source>
        <translation>Öffnet die eigene Adresse der Anwendung, wie es ein Browser nach Ihrer Erlaubnis täte, damit sie fortfahren kann.</translation>
    </message>
    <message>
        <source>Address the application asked for</source>
        <translation>Adresse, die die Anwendung angefordert hat</translation>
    </message>
    <message>
        <source>You can revoke its access in My access at any time.</source>
        <translation>Sie können ihren Zugriff jederzeit unter „Mein Zugriff“ widerrufen.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <source>%1 wants to act as you on %2</source>
        <translation>%1 möchte auf %2 in Ihrem Namen handeln</translation>
    </message>
    <message>
        <source>The application gave no description of itself.</source>
        <translation>Die Anwendung hat keine Beschreibung von sich angegeben.</translation>
    </message>
    <message>
        <source>If you allow it, %1 can do on %2 everything you can do there: see and change what you can see and change (Jira calls this “read and write” access).</source>
        <translation>Wenn Sie es erlauben, kann %1 auf %2 alles tun, was Sie dort tun können: sehen und ändern, was Sie sehen und ändern können (Jira nennt das Lese- und Schreibzugriff).</translation>
    </message>
    <message>
        <source>If you allow it, %1 can do on %2 everything you (%3) can do there: see and change what you can see and change (Jira calls this “read and write” access).</source>
        <translation>Wenn Sie es erlauben, kann %1 auf %2 alles tun, was Sie (%3) dort tun können: sehen und ändern, was Sie sehen und ändern können (Jira nennt das Lese- und Schreibzugriff).</translation>
    </message>
    <message>
        <source>It keeps this access until you revoke it in My access.</source>
        <translation>Sie behält diesen Zugriff, bis Sie ihn unter „Mein Zugriff“ widerrufen.</translation>
    </message>
    <message>
        <source>The application asked to be sent to an address that is not a web page, so AccessDesk does not open it: %1</source>
        <translation>Die Anwendung wollte an eine Adresse geschickt werden, die keine Webseite ist, daher öffnet AccessDesk sie nicht: %1</translation>
    </message>
    <message>
        <source>You denied %1 access.</source>
        <translation>Sie haben %1 den Zugriff verweigert.</translation>
    </message>
    <message>
        <source>It cannot act as you. If it needs access later, it has to ask again.</source>
        <translation>Sie kann nicht in Ihrem Namen handeln. Wenn sie später Zugriff benötigt, muss sie erneut anfragen.</translation>
    </message>
    <message>
        <source>You allowed %1 to act as you on %2.</source>
        <translation>Sie haben %1 erlaubt, auf %2 in Ihrem Namen zu handeln.</translation>
    </message>
    <message>
        <source>The application now asks you for a verification code. Give it this code (it works once, for this request only):</source>
        <translation>Die Anwendung fragt Sie jetzt nach einem Bestätigungscode. Geben Sie ihr diesen Code (er funktioniert einmal, nur für diese Anfrage):</translation>
    </message>
    <message>
        <source>The application can continue on its own now. If it waits for you in a browser, return to it with the button below.</source>
        <translation>Die Anwendung kann jetzt selbstständig fortfahren. Wenn sie in einem Browser auf Sie wartet, kehren Sie mit der Schaltfläche unten zu ihr zurück.</translation>
    </message>
    <message>
        <source>Go back to the application: it can continue now.</source>
        <translation>Kehren Sie zur Anwendung zurück: Sie kann jetzt fortfahren.</translation>
    </message>
</context>
<context>
    <name>accessdesk::RevokeGrantsJob</name>
    <message>
        <source>The check afterwards did not run.</source>
        <translation>Die anschließende Prüfung wurde nicht ausgeführt.</translation>
    </message>
    <message>
        <source>Its request failed (%1), but the server no longer lists it, so it is revoked.</source>
        <translation>Die Anfrage ist fehlgeschlagen (%1), aber der Server führt sie nicht mehr auf, daher ist sie widerrufen.</translation>
    </message>
    <message>
        <source>Not revoked: %1 The server still lists it.</source>
        <translation>Nicht widerrufen: %1 Der Server führt sie weiterhin auf.</translation>
    </message>
    <message>
        <source>Not revoked: the server accepted the request, but still lists it.</source>
        <translation>Nicht widerrufen: Der Server hat die Anfrage akzeptiert, führt sie aber weiterhin auf.</translation>
    </message>
    <message>
        <source>Not confirmed: %1 Whether the server revoked it could not be checked (%2). Check the list.</source>
        <translation>Nicht bestätigt: %1 Ob der Server sie widerrufen hat, konnte nicht geprüft werden (%2). Prüfen Sie die Liste.</translation>
    </message>
    <message>
        <source>Not confirmed: the server accepted the request, but the list could not be fetched to check it (%1). Check the list.</source>
        <translation>Nicht bestätigt: Der Server hat die Anfrage akzeptiert, aber die Liste konnte zur Prüfung nicht abgerufen werden (%1). Prüfen Sie die Liste.</translation>
    </message>
    <message>
        <source>some rows of the access-tokens page could not be read, and the grant may be one of them</source>
        <translation>einige Zeilen der Zugriffstoken-Seite konnten nicht gelesen werden, und die Zugriffsberechtigung ist möglicherweise eine davon</translation>
    </message>
    <message>
        <source>Not confirmed: %1 The server still listed it afterwards, but may yet carry the request out. Check the list.</source>
        <translation>Nicht bestätigt: %1 Der Server führte den Zugriff danach noch auf, kann die Anfrage aber noch ausführen. Prüfen Sie die Liste.</translation>
    </message>
    <message>
        <source>Not sent: the activity log could not record it (%1).</source>
        <translation>Nicht gesendet: Das Aktivitätsprotokoll konnte den Vorgang nicht aufzeichnen (%1).</translation>
    </message>
</context>
<context>
    <name>accessdesk::RevokeProgressDialog</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Retry failed</source>
        <translation>Fehlgeschlagene wiederholen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Revoking access</source>
        <translation>Zugriff wird widerrufen</translation>
    </message>
    <message>
        <source>Revoke progress</source>
        <translation>Fortschritt des Widerrufs</translation>
    </message>
    <message>
        <source>Revoke progress bar</source>
        <translation>Fortschrittsbalken des Widerrufs</translation>
    </message>
    <message>
        <source>%v of %m</source>
        <translation>%v von %m</translation>
    </message>
    <message>
        <source>Revoke summary</source>
        <translation>Zusammenfassung des Widerrufs</translation>
    </message>
    <message>
        <source>Cancel revoking</source>
        <translation>Widerrufen abbrechen</translation>
    </message>
    <message>
        <source>Stop after the grant being revoked now; the rest stay as they are.</source>
        <translation>Nach der gerade widerrufenen Zugriffsberechtigung anhalten; die übrigen bleiben, wie sie sind.</translation>
    </message>
    <message>
        <source>Try to revoke the grants that failed once more.</source>
        <translation>Die fehlgeschlagenen Zugriffsberechtigungen noch einmal zu widerrufen versuchen.</translation>
    </message>
    <message>
        <source>Cancelling: waiting for %1 to finish…</source>
        <translation>Wird abgebrochen: Warten auf den Abschluss von %1…</translation>
    </message>
    <message>
        <source>Revoking %1 of %2: %3</source>
        <translation>%1 von %2 wird widerrufen: %3</translation>
    </message>
    <message>
        <source>Checking which grants the server still lists…</source>
        <translation>Es wird geprüft, welche Zugriffsberechtigungen der Server noch aufführt…</translation>
    </message>
    <message>
        <source>Revoke access — summary</source>
        <translation>Zugriff widerrufen – Zusammenfassung</translation>
    </message>
    <message>
        <source>Revoked. %1 can now see only public data.</source>
        <translation>Widerrufen. %1 kann jetzt nur noch öffentliche Daten sehen.</translation>
    </message>
    <message>
        <source>%1 was not revoked: the server still lists it.</source>
        <translation>%1 wurde nicht widerrufen: Der Server führt den Eintrag weiterhin auf.</translation>
    </message>
    <message>
        <source>Not confirmed that %1 was revoked: check the list.</source>
        <translation>Nicht bestätigt, dass %1 widerrufen wurde: Prüfen Sie die Liste.</translation>
    </message>
    <message>
        <source>Revoked all %1 grants.</source>
        <translation>Alle %1 Zugriffsberechtigungen widerrufen.</translation>
    </message>
    <message>
        <source>Cancelled: revoked %1 of %2 grants.</source>
        <translation>Abgebrochen: %1 von %2 Zugriffsberechtigungen widerrufen.</translation>
    </message>
    <message>
        <source>Revoked %1 of %2 grants.</source>
        <translation>%1 von %2 Zugriffsberechtigungen widerrufen.</translation>
    </message>
    <message numerus="yes">
        <source>%n not revoked (still listed by the server).</source>
        <translation>
            <numerusform>%n nicht widerrufen (vom Server weiterhin aufgeführt).</numerusform>
            <numerusform>%n nicht widerrufen (vom Server weiterhin aufgeführt).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not confirmed (check the list).</source>
        <translation>
            <numerusform>%n nicht bestätigt (prüfen Sie die Liste).</numerusform>
            <numerusform>%n nicht bestätigt (prüfen Sie die Liste).</numerusform>
        </translation>
    </message>
    <message>
        <source>Not revoked (the server still lists them, so they are still active):</source>
        <translation>Nicht widerrufen (der Server führt sie weiterhin auf, daher sind sie noch aktiv):</translation>
    </message>
    <message>
        <source>• %1: %2</source>
        <translation>• %1: %2</translation>
    </message>
    <message>
        <source>Not confirmed — check the list (the server may or may not have revoked them):</source>
        <translation>Nicht bestätigt – prüfen Sie die Liste (der Server hat sie möglicherweise widerrufen, möglicherweise nicht):</translation>
    </message>
    <message>
        <source>Revoked, although the request reported a problem:</source>
        <translation>Widerrufen, obwohl die Anfrage ein Problem gemeldet hat:</translation>
    </message>
    <message>
        <source>Not revoked because you cancelled (still active):</source>
        <translation>Nicht widerrufen, weil Sie abgebrochen haben (noch aktiv):</translation>
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
        <translation>&amp;Verbinden</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Personal access token for %1</source>
        <translation>Persönliches Zugriffstoken für %1</translation>
    </message>
    <message>
        <source>Password for %1</source>
        <translation>Passwort für %1</translation>
    </message>
    <message>
        <source>No password store</source>
        <translation>Kein Passwortspeicher</translation>
    </message>
    <message>
        <source>Enter the personal access token for %1 on %2. It is used for this connection only and is not stored.</source>
        <translation>Geben Sie das persönliche Zugriffstoken für %1 auf %2 ein. Es wird nur für diese Verbindung verwendet und nicht gespeichert.</translation>
    </message>
    <message>
        <source>Enter the password of %1 on %2. It is used for this connection only and is not stored.</source>
        <translation>Geben Sie das Passwort von %1 auf %2 ein. Es wird nur für diese Verbindung verwendet und nicht gespeichert.</translation>
    </message>
    <message>
        <source>Personal access token</source>
        <translation>Persönliches Zugriffstoken</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>&amp;Token:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
</context>
<context>
    <name>accessdesk::SecretStore</name>
    <message>
        <source>No keychain is available (%1). Secrets are kept in memory for this run only and will be asked for again next time.</source>
        <translation>Kein Schlüsselbund verfügbar (%1). Geheimnisse werden nur für diese Sitzung im Arbeitsspeicher gehalten und beim nächsten Mal erneut abgefragt.</translation>
    </message>
    <message>
        <source>A secret needs a connection profile.</source>
        <translation>Ein Geheimnis benötigt ein Verbindungsprofil.</translation>
    </message>
    <message>
        <source>Access to the keychain was denied: %1</source>
        <translation>Der Zugriff auf den Schlüsselbund wurde verweigert: %1</translation>
    </message>
    <message>
        <source>The keychain reported an error: %1</source>
        <translation>Der Schlüsselbund hat einen Fehler gemeldet: %1</translation>
    </message>
    <message>
        <source>The keychain is locked and could not be unlocked here. Unlock it (sign in to the desktop session, or use your keyring&apos;s unlock tool) and try again.</source>
        <translation>Der Schlüsselbund ist gesperrt und konnte hier nicht entsperrt werden. Entsperren Sie ihn (melden Sie sich an der Desktop-Sitzung an oder verwenden Sie das Entsperrwerkzeug Ihres Schlüsselbunds) und versuchen Sie es erneut.</translation>
    </message>
</context>
<context>
    <name>accessdesk::ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>accessdesk::TableExport</name>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Export as CSV</source>
        <translation>Als CSV exportieren</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>accessdesk::TlsTrustDialog</name>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>%1 (expired)</source>
        <translation>%1 (abgelaufen)</translation>
    </message>
    <message>
        <source>%1 (not valid yet)</source>
        <translation>%1 (noch nicht gültig)</translation>
    </message>
    <message>
        <source>Untrusted certificate</source>
        <translation>Nicht vertrauenswürdiges Zertifikat</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 showed a certificate that this computer does not trust.&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1 hat ein Zertifikat vorgelegt, dem dieser Computer nicht vertraut.&lt;/b&gt;</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Was passiert ist</translation>
    </message>
    <message>
        <source>This is usual for servers with a self-signed or company certificate, but it is also what an attacker&apos;s server would look like. Trust it only if this is your server: ask its administrator to compare the SHA-256 fingerprint below. AccessDesk will then trust exactly this certificate for this server and warn again if it ever changes.</source>
        <translation>Das ist üblich bei Servern mit selbstsigniertem oder firmeneigenem Zertifikat, aber genau so sähe auch der Server eines Angreifers aus. Vertrauen Sie ihm nur, wenn dies Ihr Server ist: Bitten Sie seinen Administrator, den SHA-256-Fingerabdruck unten zu vergleichen. AccessDesk vertraut dann genau diesem Zertifikat für diesen Server und warnt erneut, falls es sich jemals ändert.</translation>
    </message>
    <message>
        <source>Advice</source>
        <translation>Empfehlung</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>nicht angegeben</translation>
    </message>
    <message>
        <source>Issued to</source>
        <translation>Ausgestellt für</translation>
    </message>
    <message>
        <source>Issued by</source>
        <translation>Ausgestellt von</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>Gültig ab</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>Gültig bis</translation>
    </message>
    <message>
        <source>Why it was refused</source>
        <translation>Warum es abgelehnt wurde</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint</source>
        <translation>SHA-256-Fingerabdruck</translation>
    </message>
    <message>
        <source>Issued to:</source>
        <translation>Ausgestellt für:</translation>
    </message>
    <message>
        <source>Issued by:</source>
        <translation>Ausgestellt von:</translation>
    </message>
    <message>
        <source>Valid from:</source>
        <translation>Gültig ab:</translation>
    </message>
    <message>
        <source>Valid until:</source>
        <translation>Gültig bis:</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint:</source>
        <translation>SHA-256-Fingerabdruck:</translation>
    </message>
    <message>
        <source>Why it was refused:</source>
        <translation>Warum es abgelehnt wurde:</translation>
    </message>
    <message>
        <source>Trust this certificate for this server</source>
        <translation>Diesem Zertifikat für diesen Server vertrauen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>accessdesk::TokenInventorySearch</name>
    <message>
        <source>the page repeats tokens already listed</source>
        <translation>die Seite wiederholt bereits aufgeführte Token</translation>
    </message>
    <message>
        <source>No user matches “%1”.</source>
        <translation>Kein Benutzer entspricht „%1“.</translation>
    </message>
    <message numerus="yes">
        <source>More than %n users match “%1”; give more of the name.</source>
        <translation>
            <numerusform>Mehr als %n Benutzer entspricht „%1“; geben Sie mehr vom Namen ein.</numerusform>
            <numerusform>Mehr als %n Benutzer entsprechen „%1“; geben Sie mehr vom Namen ein.</numerusform>
        </translation>
    </message>
    <message>
        <source>The search was cancelled.</source>
        <translation>Die Suche wurde abgebrochen.</translation>
    </message>
    <message>
        <source>The owner “%1” could not be looked up. %2</source>
        <translation>Der Besitzer „%1“ konnte nicht nachgeschlagen werden. %2</translation>
    </message>
    <message numerus="yes">
        <source>Page %1 of the token search failed after %n token(s) were listed. %2</source>
        <translation>
            <numerusform>Seite %1 der Tokensuche ist fehlgeschlagen, nachdem %n Token aufgeführt war. %2</numerusform>
            <numerusform>Seite %1 der Tokensuche ist fehlgeschlagen, nachdem %n Token aufgeführt waren. %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>accessdesk::TokenOutcomeModel</name>
    <message>
        <source>revoked</source>
        <translation>widerrufen</translation>
    </message>
    <message>
        <source>not revoked</source>
        <translation>nicht widerrufen</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>not attempted</source>
        <translation>nicht versucht</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Grund</translation>
    </message>
</context>
<context>
    <name>accessdesk::TokenSearchForm</name>
    <message>
        <source>Ne&amp;ver used</source>
        <translation>N&amp;ie verwendet</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>&amp;Suchen</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Filter zurücksetzen</translation>
    </message>
    <message>
        <source>Search personal tokens</source>
        <translation>Persönliche Token suchen</translation>
    </message>
    <message>
        <source>any user: name, display name or e-mail</source>
        <translation>beliebiger Benutzer: Name, Anzeigename oder E-Mail</translation>
    </message>
    <message>
        <source>Owner&apos;s user name, display name or e-mail contains</source>
        <translation>Benutzername, Anzeigename oder E-Mail des Besitzers enthält</translation>
    </message>
    <message>
        <source>any name</source>
        <translation>beliebiger Name</translation>
    </message>
    <message>
        <source>Token name contains</source>
        <translation>Tokenname enthält</translation>
    </message>
    <message>
        <source>Only tokens never used</source>
        <translation>Nur nie verwendete Token</translation>
    </message>
    <message>
        <source>Search every user&apos;s tokens on the server with these filters</source>
        <translation>Die Token aller Benutzer auf dem Server mit diesen Filtern durchsuchen</translation>
    </message>
    <message>
        <source>Clear the search filters</source>
        <translation>Suchfilter zurücksetzen</translation>
    </message>
    <message>
        <source>Problem with the search filters</source>
        <translation>Problem mit den Suchfiltern</translation>
    </message>
    <message>
        <source>&amp;Owner:</source>
        <translation>&amp;Besitzer:</translation>
    </message>
    <message>
        <source>Token &amp;name contains:</source>
        <translation>Token&amp;name enthält:</translation>
    </message>
    <message>
        <source>C&amp;reated:</source>
        <translation>&amp;Erstellt:</translation>
    </message>
    <message>
        <source>Created on or after</source>
        <translation>Erstellt am oder nach</translation>
    </message>
    <message>
        <source>Created on or before</source>
        <translation>Erstellt am oder vor</translation>
    </message>
    <message>
        <source>E&amp;xpires:</source>
        <translation>Läuft &amp;ab:</translation>
    </message>
    <message>
        <source>Expires on or after</source>
        <translation>Läuft ab am oder nach</translation>
    </message>
    <message>
        <source>Expires on or before</source>
        <translation>Läuft ab am oder vor</translation>
    </message>
    <message>
        <source>&amp;Last used:</source>
        <translation>&amp;Zuletzt verwendet:</translation>
    </message>
    <message>
        <source>Last used on or after</source>
        <translation>Zuletzt verwendet am oder nach</translation>
    </message>
    <message>
        <source>Last used on or before</source>
        <translation>Zuletzt verwendet am oder vor</translation>
    </message>
    <message>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>JJJJ-MM-TT</translation>
    </message>
    <message>
        <source>A day as year-month-day, for example 2025-03-31; empty for no limit.</source>
        <translation>Ein Tag als Jahr-Monat-Tag, zum Beispiel 2025-03-31; leer für keine Grenze.</translation>
    </message>
    <message>
        <source>“%1” is not a day. Write it as year-month-day, for example 2025-03-31.</source>
        <translation>„%1“ ist kein Tag. Schreiben Sie ihn als Jahr-Monat-Tag, zum Beispiel 2025-03-31.</translation>
    </message>
</context>
<context>
    <name>accessdesk::TokenSweep</name>
    <message>
        <source>the sweep stopped before checking</source>
        <translation>die Bereinigung wurde vor der Prüfung angehalten</translation>
    </message>
    <message>
        <source>checking was cancelled</source>
        <translation>die Prüfung wurde abgebrochen</translation>
    </message>
    <message>
        <source>Not sent: the activity log could not record it (%1).</source>
        <translation>Nicht gesendet: Das Aktivitätsprotokoll konnte es nicht aufzeichnen (%1).</translation>
    </message>
    <message>
        <source>Not sent: the sweep was cancelled.</source>
        <translation>Nicht gesendet: Die Bereinigung wurde abgebrochen.</translation>
    </message>
    <message>
        <source>Not sent: the sweep stopped first.</source>
        <translation>Nicht gesendet: Die Bereinigung wurde vorher angehalten.</translation>
    </message>
    <message>
        <source>Outcome unknown: the sweep stopped before the server answered.</source>
        <translation>Ergebnis unbekannt: Die Bereinigung wurde angehalten, bevor der Server antwortete.</translation>
    </message>
    <message>
        <source>The server accepted the revoke, but still lists the token.</source>
        <translation>Der Server hat den Widerruf akzeptiert, führt das Token aber weiterhin auf.</translation>
    </message>
    <message>
        <source>Outcome unknown: the server accepted the revoke, but it could not be checked afterwards (%1). Search again to check.</source>
        <translation>Ergebnis unbekannt: Der Server hat den Widerruf akzeptiert, aber er konnte danach nicht geprüft werden (%1). Suchen Sie erneut, um es zu prüfen.</translation>
    </message>
    <message>
        <source>Outcome unknown: %1 It could not be checked afterwards (%2). Search again to check.</source>
        <translation>Ergebnis unbekannt: %1 Es konnte danach nicht geprüft werden (%2). Suchen Sie erneut, um es zu prüfen.</translation>
    </message>
    <message>
        <source>Outcome unknown: %1 The server still listed the token just afterwards, but may yet revoke it. Search again to check.</source>
        <translation>Ergebnis unbekannt: %1 Der Server führte das Token kurz danach noch auf, kann es aber noch widerrufen. Suchen Sie erneut, um es zu prüfen.</translation>
    </message>
</context>
<context>
    <name>accessdesk::TokenSweepController</name>
    <message>
        <source>You stopped the search, so the list below is not every matching token. Nothing can be revoked from an incomplete list: find the tokens again to see them all.</source>
        <translation>Sie haben die Suche angehalten, daher enthält die Liste unten nicht alle passenden Token. Aus einer unvollständigen Liste kann nichts widerrufen werden: Suchen Sie die Token erneut, um alle zu sehen.</translation>
    </message>
    <message>
        <source>The matching tokens could not be found. %1</source>
        <translation>Die passenden Token konnten nicht gefunden werden. %1</translation>
    </message>
    <message>
        <source>The activity log could not record the revokes, so the rest were not sent: %1</source>
        <translation>Das Aktivitätsprotokoll konnte die Widerrufe nicht aufzeichnen, daher wurden die übrigen nicht gesendet: %1</translation>
    </message>
    <message>
        <source>Whether the revokes worked could not be checked afterwards. %1</source>
        <translation>Ob die Widerrufe funktioniert haben, konnte danach nicht geprüft werden. %1</translation>
    </message>
    <message>
        <source>The app switched to another server, so this window no longer acts. Open it again from the Personal tokens tab of that server.</source>
        <translation>Die Anwendung hat zu einem anderen Server gewechselt, daher handelt dieses Fenster nicht mehr. Öffnen Sie es erneut über den Reiter „Persönliche Token“ dieses Servers.</translation>
    </message>
    <message>
        <source>Nothing has been revoked yet, so there is no receipt to save.</source>
        <translation>Es wurde noch nichts widerrufen, daher gibt es keine Quittung zu speichern.</translation>
    </message>
</context>
<context>
    <name>accessdesk::TokenSweepDialog</name>
    <message>
        <source>&amp;Never used</source>
        <translation>&amp;Nie verwendet</translation>
    </message>
    <message>
        <source>Not &amp;used for</source>
        <translation>Nicht &amp;verwendet seit</translation>
    </message>
    <message>
        <source>Days without use</source>
        <translation>Tage ohne Verwendung</translation>
    </message>
    <message>
        <source>E&amp;xpired</source>
        <translation>&amp;Abgelaufen</translation>
    </message>
    <message>
        <source>Expiring &amp;within</source>
        <translation>Läuft ab &amp;innerhalb von</translation>
    </message>
    <message>
        <source>Days until expiry</source>
        <translation>Tage bis zum Ablauf</translation>
    </message>
    <message>
        <source>&amp;Find matching tokens</source>
        <translation>Passende Token &amp;finden</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Revoke…</source>
        <translation>Widerrufen…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Sweep stale tokens</source>
        <translation>Veraltete Token bereinigen</translation>
    </message>
    <message>
        <source>Which tokens are stale?</source>
        <translation>Welche Token sind veraltet?</translation>
    </message>
    <message>
        <source>Find every user&apos;s personal access tokens that match a rule, check whose they are, then revoke them in one go. Nothing is revoked before you confirm.</source>
        <translation>Persönliche Zugriffstoken aller Benutzer finden, die einer Regel entsprechen, prüfen, wem sie gehören, und sie dann in einem Schritt widerrufen. Nichts wird widerrufen, bevor Sie bestätigen.</translation>
    </message>
    <message>
        <source>Rule: never used</source>
        <translation>Regel: nie verwendet</translation>
    </message>
    <message>
        <source>Rule: not used for a number of days</source>
        <translation>Regel: eine Anzahl von Tagen nicht verwendet</translation>
    </message>
    <message>
        <source>Rule: expired</source>
        <translation>Regel: abgelaufen</translation>
    </message>
    <message>
        <source>Rule: expiring within a number of days</source>
        <translation>Regel: läuft innerhalb einer Anzahl von Tagen ab</translation>
    </message>
    <message>
        <source>days</source>
        <translation>Tagen</translation>
    </message>
    <message>
        <source>Find the tokens that match the rule</source>
        <translation>Die Token finden, die der Regel entsprechen</translation>
    </message>
    <message>
        <source>Stop finding tokens</source>
        <translation>Suche nach Token anhalten</translation>
    </message>
    <message>
        <source>Tokens that match the rule</source>
        <translation>Token, die der Regel entsprechen</translation>
    </message>
    <message>
        <source>Revoke the tokens that match</source>
        <translation>Die passenden Token widerrufen</translation>
    </message>
    <message>
        <source>Revoke token</source>
        <translation>Token widerrufen</translation>
    </message>
    <message>
        <source>Revoke %1 tokens</source>
        <translation>%1 Token widerrufen</translation>
    </message>
    <message>
        <source>Revoke personal access tokens</source>
        <translation>Persönliche Zugriffstoken widerrufen</translation>
    </message>
    <message>
        <source>never used</source>
        <translation>nie verwendet</translation>
    </message>
    <message>
        <source>not used for 1 day</source>
        <translation>seit 1 Tag nicht verwendet</translation>
    </message>
    <message>
        <source>not used for %1 days</source>
        <translation>seit %1 Tagen nicht verwendet</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>abgelaufen</translation>
    </message>
    <message>
        <source>expiring within 1 day</source>
        <translation>Ablauf innerhalb von 1 Tag</translation>
    </message>
    <message>
        <source>expiring within %1 days</source>
        <translation>Ablauf innerhalb von %1 Tagen</translation>
    </message>
    <message>
        <source>Revoke this personal access token?</source>
        <translation>Dieses persönliche Zugriffstoken widerrufen?</translation>
    </message>
    <message>
        <source>Revoke this personal access token, which is %1?</source>
        <translation>Dieses persönliche Zugriffstoken widerrufen (%1)?</translation>
    </message>
    <message>
        <source>Revoke these %1 personal access tokens?</source>
        <translation>Diese %1 persönlichen Zugriffstoken widerrufen?</translation>
    </message>
    <message>
        <source>Revoke these %1 personal access tokens, which are %2?</source>
        <translation>Diese %1 persönlichen Zugriffstoken widerrufen (%2)?</translation>
    </message>
    <message>
        <source>• “%1” of %2</source>
        <translation>• „%1“ von %2</translation>
    </message>
    <message>
        <source>an unknown user</source>
        <translation>ein unbekannter Benutzer</translation>
    </message>
    <message>
        <source>• …and %1 more.</source>
        <translation>• …und %1 weitere.</translation>
    </message>
    <message>
        <source>Scripts and tools that use it will be refused by Jira from then on. This cannot be undone: its owner would have to create a new token.</source>
        <translation>Skripte und Werkzeuge, die es verwenden, werden von Jira ab sofort abgewiesen. Dies kann nicht rückgängig gemacht werden: Sein Besitzer müsste ein neues Token erstellen.</translation>
    </message>
    <message>
        <source>Scripts and tools that use them will be refused by Jira from then on. This cannot be undone: each owner would have to create a new token.</source>
        <translation>Skripte und Werkzeuge, die sie verwenden, werden von Jira ab sofort abgewiesen. Dies kann nicht rückgängig gemacht werden: Jeder Besitzer müsste ein neues Token erstellen.</translation>
    </message>
    <message>
        <source>Revoke stale tokens</source>
        <translation>Veraltete Token widerrufen</translation>
    </message>
    <message>
        <source>Revoke 1 token…</source>
        <translation>1 Token widerrufen…</translation>
    </message>
    <message>
        <source>Revoke %1 tokens…</source>
        <translation>%1 Token widerrufen…</translation>
    </message>
    <message>
        <source>The rule changed since the tokens were found: press Find to see the tokens it matches.</source>
        <translation>Die Regel hat sich geändert, seit die Token gefunden wurden: Klicken Sie auf „Finden“, um die passenden Token zu sehen.</translation>
    </message>
    <message>
        <source>Searching every user&apos;s tokens…</source>
        <translation>Token aller Benutzer werden durchsucht…</translation>
    </message>
    <message>
        <source>%1 found so far; checked %2 of ~1 token…</source>
        <translation>Bisher %1 gefunden; %2 von ~1 Token geprüft…</translation>
    </message>
    <message>
        <source>%1 found so far; checked %2 of ~%3 tokens…</source>
        <translation>Bisher %1 gefunden; %2 von ~%3 Token geprüft…</translation>
    </message>
    <message>
        <source>No token matches the rule.</source>
        <translation>Kein Token entspricht der Regel.</translation>
    </message>
    <message>
        <source>1 token matches the rule.</source>
        <translation>1 Token entspricht der Regel.</translation>
    </message>
    <message>
        <source>%1 tokens match the rule, all of one user.</source>
        <translation>%1 Token entsprechen der Regel, alle von einem Benutzer.</translation>
    </message>
    <message>
        <source>%1 tokens match the rule, of %2 users.</source>
        <translation>%1 Token entsprechen der Regel, von %2 Benutzern.</translation>
    </message>
    <message>
        <source>Choose a rule, then press Find to see which tokens match.</source>
        <translation>Wählen Sie eine Regel und klicken Sie dann auf „Finden“, um zu sehen, welche Token passen.</translation>
    </message>
    <message>
        <source>1 token found before the search stopped.</source>
        <translation>1 Token gefunden, bevor die Suche angehalten wurde.</translation>
    </message>
    <message>
        <source>%1 tokens found before the search stopped.</source>
        <translation>%1 Token gefunden, bevor die Suche angehalten wurde.</translation>
    </message>
</context>
<context>
    <name>accessdesk::TokenSweepRunPage</name>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Save &amp;receipt…</source>
        <translation>&amp;Quittung speichern…</translation>
    </message>
    <message>
        <source>What the revoke is doing</source>
        <translation>Was der Widerruf gerade tut</translation>
    </message>
    <message>
        <source>Revoke progress</source>
        <translation>Fortschritt des Widerrufs</translation>
    </message>
    <message>
        <source>Cancel the revoke</source>
        <translation>Widerruf abbrechen</translation>
    </message>
    <message>
        <source>Send no further batch; what was sent is still checked.</source>
        <translation>Keinen weiteren Stapel senden; was gesendet wurde, wird trotzdem geprüft.</translation>
    </message>
    <message>
        <source>What the revoke did</source>
        <translation>Was der Widerruf bewirkt hat</translation>
    </message>
    <message>
        <source>Each token&apos;s outcome</source>
        <translation>Ergebnis jedes Tokens</translation>
    </message>
    <message>
        <source>Where the receipt was saved</source>
        <translation>Wo die Quittung gespeichert wurde</translation>
    </message>
    <message>
        <source>Save a receipt of the revoke as CSV</source>
        <translation>Eine Quittung des Widerrufs als CSV speichern</translation>
    </message>
    <message>
        <source>Every token with its outcome, as a CSV file only you can read</source>
        <translation>Jedes Token mit seinem Ergebnis, als CSV-Datei, die nur Sie lesen können</translation>
    </message>
    <message>
        <source>Stopping the check…</source>
        <translation>Prüfung wird angehalten…</translation>
    </message>
    <message>
        <source>Checking that the server no longer lists them…</source>
        <translation>Es wird geprüft, ob der Server sie nicht mehr aufführt…</translation>
    </message>
    <message>
        <source>Stop checking; the tokens not checked are reported as unknown.</source>
        <translation>Prüfung anhalten; die nicht geprüften Token werden als unbekannt gemeldet.</translation>
    </message>
    <message>
        <source>%v of %m answered</source>
        <translation>%v von %m beantwortet</translation>
    </message>
    <message>
        <source>Cancelling: waiting for the batch under way, then checking what was revoked…</source>
        <translation>Wird abgebrochen: Warten auf den laufenden Stapel, dann Prüfung, was widerrufen wurde…</translation>
    </message>
    <message>
        <source>Revoking “%1”…</source>
        <translation>„%1“ wird widerrufen…</translation>
    </message>
    <message>
        <source>Revoking %1 tokens…</source>
        <translation>%1 Token werden widerrufen…</translation>
    </message>
    <message>
        <source>Revoked “%1”; the server no longer lists it.</source>
        <translation>„%1“ widerrufen; der Server führt es nicht mehr auf.</translation>
    </message>
    <message>
        <source>“%1” was not revoked.</source>
        <translation>„%1“ wurde nicht widerrufen.</translation>
    </message>
    <message>
        <source>Revoked all %1 tokens; the server no longer lists them.</source>
        <translation>Alle %1 Token widerrufen; der Server führt sie nicht mehr auf.</translation>
    </message>
    <message>
        <source>You cancelled: %1 of %2 tokens revoked.</source>
        <translation>Sie haben abgebrochen: %1 von %2 Token widerrufen.</translation>
    </message>
    <message>
        <source>%1 of %2 tokens revoked.</source>
        <translation>%1 von %2 Token widerrufen.</translation>
    </message>
    <message>
        <source>Revoked, and no longer listed by the server: %1</source>
        <translation>Widerrufen und vom Server nicht mehr aufgeführt: %1</translation>
    </message>
    <message>
        <source>Not revoked, still listed by the server: %1</source>
        <translation>Nicht widerrufen, vom Server weiterhin aufgeführt: %1</translation>
    </message>
    <message>
        <source>Failed, refused by the server: %1</source>
        <translation>Fehlgeschlagen, vom Server abgelehnt: %1</translation>
    </message>
    <message>
        <source>Not confirmed, could not be checked afterwards (search again to check): %1</source>
        <translation>Nicht bestätigt, konnte danach nicht geprüft werden (suchen Sie erneut, um es zu prüfen): %1</translation>
    </message>
    <message>
        <source>Not attempted, never sent: %1</source>
        <translation>Nicht versucht, nie gesendet: %1</translation>
    </message>
    <message>
        <source>Why:</source>
        <translation>Grund:</translation>
    </message>
    <message>
        <source>• %1 (1 token)</source>
        <translation>• %1 (1 Token)</translation>
    </message>
    <message>
        <source>• %1 (%2 tokens)</source>
        <translation>• %1 (%2 Token)</translation>
    </message>
    <message>
        <source>• …and other reasons: see the table and the receipt.</source>
        <translation>• …und andere Gründe: siehe Tabelle und Quittung.</translation>
    </message>
    <message>
        <source>Save the receipt</source>
        <translation>Quittung speichern</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Receipt saved as %1 (only you can read it).</source>
        <translation>Quittung gespeichert als %1 (nur Sie können sie lesen).</translation>
    </message>
    <message>
        <source>The receipt could not be saved. %1</source>
        <translation>Die Quittung konnte nicht gespeichert werden. %1</translation>
    </message>
</context>
<context>
    <name>accessdesk::cli::CliAdminPats</name>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… und %n weiteres</numerusform>
            <numerusform>… und %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <source>No personal access token matches.</source>
        <translation>Kein persönliches Zugriffstoken passt.</translation>
    </message>
    <message>
        <source>Scripts and tools that use it will be refused by Jira from then on.</source>
        <translation>Jira weist Skripte und Werkzeuge, die es verwenden, ab sofort ab.</translation>
    </message>
    <message>
        <source>Scripts and tools that use them will be refused by Jira from then on.</source>
        <translation>Jira weist Skripte und Werkzeuge, die sie verwenden, ab sofort ab.</translation>
    </message>
    <message>
        <source>--dry-run and --receipt belong to admin-pats sweep</source>
        <translation>--dry-run und --receipt gehören zu admin-pats sweep</translation>
    </message>
    <message>
        <source>admin-pats revoke takes token ids only (to revoke by a rule, use admin-pats sweep)</source>
        <translation>admin-pats revoke erwartet nur Token-IDs (um nach einer Regel zu widerrufen, verwenden Sie admin-pats sweep)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a personal access token id (see: admin-pats search)</source>
        <translation>&quot;%1&quot; ist keine ID eines persönlichen Zugriffstokens (siehe: admin-pats search)</translation>
    </message>
    <message>
        <source>admin-pats sweep takes exactly one rule: --never-used, --expired, --unused-days N or --expiring-days N</source>
        <translation>admin-pats sweep erwartet genau eine Regel: --never-used, --expired, --unused-days N oder --expiring-days N</translation>
    </message>
    <message>
        <source>--dry-run changes nothing, so it has no receipt</source>
        <translation>--dry-run ändert nichts und hat daher keine Quittung</translation>
    </message>
    <message>
        <source>no personal access token has the id %1 (see: admin-pats search)</source>
        <translation>kein persönliches Zugriffstoken hat die ID %1 (siehe: admin-pats search)</translation>
    </message>
    <message>
        <source>Revoke this personal access token?</source>
        <translation>Dieses persönliche Zugriffstoken widerrufen?</translation>
    </message>
    <message numerus="yes">
        <source>Revoke these %n personal access tokens?</source>
        <translation>
            <numerusform>Dieses %n persönliche Zugriffstoken widerrufen?</numerusform>
            <numerusform>Diese %n persönlichen Zugriffstoken widerrufen?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Revoke %n personal access token(s) that are %1?</source>
        <extracomment>%1 is the rule, e.g. &quot;never used&quot;</extracomment>
        <translation>
            <numerusform>%n persönliches Zugriffstoken widerrufen (Regel: %1)?</numerusform>
            <numerusform>%n persönliche Zugriffstoken widerrufen (Regel: %1)?</numerusform>
        </translation>
    </message>
    <message>
        <source>the receipt cannot be written: %1</source>
        <translation>die Quittung kann nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>no user matches &quot;%1&quot;</source>
        <translation>kein Benutzer passt zu &quot;%1&quot;</translation>
    </message>
    <message>
        <source>more than %1 users match &quot;%2&quot;; give more of the name</source>
        <translation>mehr als %1 Benutzer passen zu &quot;%2&quot;; geben Sie mehr vom Namen an</translation>
    </message>
    <message>
        <source>only Jira system administrators can search and revoke other users&apos; personal access tokens (on Jira Data Center)</source>
        <translation>nur Jira-Systemadministratoren können persönliche Zugriffstoken anderer Benutzer suchen und widerrufen (in Jira Data Center)</translation>
    </message>
    <message numerus="yes">
        <source>page %1 of the token search failed, after %n token(s): %2</source>
        <translation>
            <numerusform>Seite %1 der Token-Suche ist fehlgeschlagen, nach %n Token: %2</numerusform>
            <numerusform>Seite %1 der Token-Suche ist fehlgeschlagen, nach %n Token: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>revoking… %1 of %n token(s)</source>
        <translation>
            <numerusform>wird widerrufen… %1 von %n Token</numerusform>
            <numerusform>wird widerrufen… %1 von %n Token</numerusform>
        </translation>
    </message>
    <message>
        <source>checking which tokens the server still lists…</source>
        <translation>es wird geprüft, welche Token der Server noch aufführt…</translation>
    </message>
    <message>
        <source>No personal access token matches: nothing to revoke.</source>
        <translation>Kein persönliches Zugriffstoken passt: Es gibt nichts zu widerrufen.</translation>
    </message>
    <message numerus="yes">
        <source>revoked %1 of %n token(s)</source>
        <translation>
            <numerusform>%1 von %n Token widerrufen</numerusform>
            <numerusform>%1 von %n Token widerrufen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>revoked %1 of %n token(s); %2</source>
        <translation>
            <numerusform>%1 von %n Token widerrufen; %2</numerusform>
            <numerusform>%1 von %n Token widerrufen; %2</numerusform>
        </translation>
    </message>
    <message>
        <source>the receipt was not written: %1</source>
        <translation>die Quittung wurde nicht geschrieben: %1</translation>
    </message>
</context>
<context>
    <name>accessdesk::cli::CliApp</name>
    <message>
        <source>unknown command &quot;%1&quot; (see --help)</source>
        <translation>unbekannter Befehl &quot;%1&quot; (siehe --help)</translation>
    </message>
    <message>
        <source>revoking needs a confirmation: run it in a terminal or add --yes</source>
        <translation>zum Widerrufen ist eine Bestätigung nötig: Führen Sie den Befehl in einem Terminal aus, oder fügen Sie --yes hinzu</translation>
    </message>
    <message>
        <source>nothing was revoked</source>
        <translation>es wurde nichts widerrufen</translation>
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
  Ausgestellt für: %2
  Ausgestellt von: %3
  Gültig:          %4 bis %5
  SHA-256:         %6
Wenn Sie diesem Zertifikat für diesen Server vertrauen, führen Sie den Befehl erneut mit --pin-sha256 %6 aus</translation>
    </message>
    <message>
        <source>warning: 1 grant on the access-tokens page could not be read (%1); open %2 in the browser</source>
        <translation>Warnung: 1 Zugriffsberechtigung auf der Seite mit den Zugriffstoken konnte nicht gelesen werden (%1); öffnen Sie %2 im Browser</translation>
    </message>
    <message>
        <source>warning: 1 grant on the access-tokens page could not be read (%1: &quot;%2&quot;); open %3 in the browser</source>
        <translation>Warnung: 1 Zugriffsberechtigung auf der Seite mit den Zugriffstoken konnte nicht gelesen werden (%1: &quot;%2&quot;); öffnen Sie %3 im Browser</translation>
    </message>
    <message>
        <source>No application can act as you.</source>
        <translation>Keine Anwendung kann in Ihrem Namen handeln.</translation>
    </message>
    <message>
        <source>no grant has the id %1 (see: tokens list)</source>
        <translation>keine Zugriffsberechtigung hat die ID %1 (siehe: tokens list)</translation>
    </message>
    <message>
        <source>not revoked: %1: %2</source>
        <extracomment>%1 names the grant, %2 says why</extracomment>
        <translation>nicht widerrufen: %1: %2</translation>
    </message>
    <message>
        <source>could not revoke: %1: %2</source>
        <translation>konnte nicht widerrufen werden: %1: %2</translation>
    </message>
    <message>
        <source>not confirmed: %1: %2</source>
        <translation>nicht bestätigt: %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>revoked %1 of %n grant(s); %2 not revoked; %3 not confirmed, check with: tokens list</source>
        <translation>
            <numerusform>%1 von %n Zugriffsberechtigung widerrufen; %2 nicht widerrufen; %3 nicht bestätigt, prüfen Sie mit: tokens list</numerusform>
            <numerusform>%1 von %n Zugriffsberechtigungen widerrufen; %2 nicht widerrufen; %3 nicht bestätigt, prüfen Sie mit: tokens list</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>revoked %1 of %n grant(s); %2 not revoked</source>
        <translation>
            <numerusform>%1 von %n Zugriffsberechtigung widerrufen; %2 nicht widerrufen</numerusform>
            <numerusform>%1 von %n Zugriffsberechtigungen widerrufen; %2 nicht widerrufen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>revoked %1 of %n grant(s); %2 not confirmed, check with: tokens list</source>
        <translation>
            <numerusform>%1 von %n Zugriffsberechtigung widerrufen; %2 nicht bestätigt, prüfen Sie mit: tokens list</numerusform>
            <numerusform>%1 von %n Zugriffsberechtigungen widerrufen; %2 nicht bestätigt, prüfen Sie mit: tokens list</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>revoked %1 of %n grant(s)</source>
        <translation>
            <numerusform>%1 von %n Zugriffsberechtigung widerrufen</numerusform>
            <numerusform>%1 von %n Zugriffsberechtigungen widerrufen</numerusform>
        </translation>
    </message>
    <message>
        <source>You have no personal access tokens.</source>
        <translation>Sie haben keine persönlichen Zugriffstoken.</translation>
    </message>
    <message>
        <source>this is the only time the token is shown; store it somewhere safe now.</source>
        <translation>das Token wird nur dieses eine Mal angezeigt; bewahren Sie es jetzt an einem sicheren Ort auf.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a personal access token id (see: pat list)</source>
        <translation>&quot;%1&quot; ist keine ID eines persönlichen Zugriffstokens (siehe: pat list)</translation>
    </message>
    <message>
        <source>nothing was changed</source>
        <translation>es wurde nichts geändert</translation>
    </message>
    <message>
        <source>profiles add needs --server URL</source>
        <translation>profiles add erfordert --server URL</translation>
    </message>
    <message>
        <source>the profile was not saved: %1</source>
        <translation>das Profil wurde nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>nothing was saved.</source>
        <translation>es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <source>the keychain refused to store the secret (%1), so profile &quot;%2&quot; was not saved</source>
        <translation>der Schlüsselbund hat das Speichern des Geheimnisses abgelehnt (%1), daher wurde das Profil &quot;%2&quot; nicht gespeichert</translation>
    </message>
    <message>
        <source>profile &quot;%1&quot; was saved, but its secret was not saved (%2); give the secret through the environment when you use the profile.</source>
        <translation>das Profil &quot;%1&quot; wurde gespeichert, sein Geheimnis aber nicht (%2); geben Sie das Geheimnis über die Umgebung an, wenn Sie das Profil verwenden.</translation>
    </message>
    <message>
        <source>Saved profile &quot;%1&quot;.</source>
        <translation>Profil &quot;%1&quot; gespeichert.</translation>
    </message>
    <message>
        <source>the server answers; signing in was not tested, because no secret for %1 was given (it will be asked for when the profile is used).</source>
        <extracomment>%1 is the sign-in kind: basic, pat, session, oauth1 or oauth2</extracomment>
        <translation>der Server antwortet; die Anmeldung wurde nicht getestet, da kein Geheimnis für %1 angegeben wurde (es wird abgefragt, wenn das Profil verwendet wird).</translation>
    </message>
    <message>
        <source>No profiles yet: add one with &apos;profiles add NAME --server URL ...&apos;.</source>
        <translation>Noch keine Profile: Fügen Sie eines mit &apos;profiles add NAME --server URL ...&apos; hinzu.</translation>
    </message>
    <message>
        <source>Removed profile &quot;%1&quot; and its secrets.</source>
        <translation>Profil &quot;%1&quot; und seine Geheimnisse entfernt.</translation>
    </message>
    <message>
        <source>there is no profile named &quot;%1&quot;</source>
        <translation>es gibt kein Profil namens &quot;%1&quot;</translation>
    </message>
    <message>
        <source>the keychain refused to remove the secrets of &quot;%1&quot;: %2</source>
        <translation>der Schlüsselbund hat das Entfernen der Geheimnisse von &quot;%1&quot; abgelehnt: %2</translation>
    </message>
    <message>
        <source>the profile file could not be written</source>
        <translation>die Profildatei konnte nicht geschrieben werden</translation>
    </message>
    <message>
        <source>Nothing has been changed from this machine yet.</source>
        <translation>Von diesem Rechner aus wurde noch nichts geändert.</translation>
    </message>
    <message>
        <source>oauth1 authorize needs --consumer-key KEY and --private-key FILE</source>
        <translation>oauth1 authorize benötigt --consumer-key KEY und --private-key FILE</translation>
    </message>
    <message>
        <source>Open this address in a browser, sign in and allow access:</source>
        <translation>Öffnen Sie diese Adresse in einem Browser, melden Sie sich an und erlauben Sie den Zugriff:</translation>
    </message>
    <message>
        <source>Then type the verification code the page shows:</source>
        <translation>Geben Sie dann den Bestätigungscode ein, den die Seite anzeigt:</translation>
    </message>
    <message>
        <source>no verification code was given: run it in a terminal, or write the code to standard input</source>
        <translation>es wurde kein Bestätigungscode angegeben: führen Sie den Befehl in einem Terminal aus oder schreiben Sie den Code in die Standardeingabe</translation>
    </message>
    <message>
        <source>oauth2 login needs --client-id ID</source>
        <translation>oauth2 login benötigt --client-id ID</translation>
    </message>
    <message>
        <source>OAuth 2.0 client secret</source>
        <translation>Client-Geheimnis des OAuth-2.0-Clients</translation>
    </message>
    <message>
        <source>Waiting for the browser to come back to %1 …</source>
        <translation>Warten, bis der Browser zu %1 zurückkehrt …</translation>
    </message>
    <message>
        <source>the OAuth access token and its secret could not be stored in the keychain (%1); run again without --profile to print them instead</source>
        <translation>das OAuth-Zugriffstoken und sein Geheimnis konnten nicht im Schlüsselbund gespeichert werden (%1); führen Sie den Befehl ohne --profile erneut aus, um sie stattdessen auszugeben</translation>
    </message>
    <message>
        <source>the OAuth 2.0 tokens could not be stored in the keychain (%1); run again without --profile to print them instead</source>
        <translation>die OAuth-2.0-Tokens konnten nicht im Schlüsselbund gespeichert werden (%1); führen Sie den Befehl ohne --profile erneut aus, um sie stattdessen auszugeben</translation>
    </message>
    <message>
        <source>the profile was not updated: %1</source>
        <translation>das Profil wurde nicht aktualisiert: %1</translation>
    </message>
    <message>
        <source>OAuth access token and its secret</source>
        <translation>OAuth-Zugriffstoken und sein Geheimnis</translation>
    </message>
    <message>
        <source>OAuth 2.0 tokens</source>
        <translation>OAuth-2.0-Tokens</translation>
    </message>
    <message>
        <source>Stored the OAuth access token and its secret of profile &quot;%1&quot; in the keychain.</source>
        <translation>Das OAuth-Zugriffstoken und sein Geheimnis für das Profil „%1“ wurden im Schlüsselbund gespeichert.</translation>
    </message>
    <message>
        <source>Stored the OAuth 2.0 tokens of profile &quot;%1&quot; in the keychain.</source>
        <translation>Die OAuth-2.0-Tokens des Profils „%1“ wurden im Schlüsselbund gespeichert.</translation>
    </message>
    <message>
        <source>oauth2 refresh needs --profile NAME: the tokens are read from and stored in its keychain entries</source>
        <translation>oauth2 refresh benötigt --profile NAME: die Tokens werden aus seinen Schlüsselbund-Einträgen gelesen und dort gespeichert</translation>
    </message>
    <message>
        <source>Refreshed the OAuth 2.0 tokens of profile &quot;%1&quot;.</source>
        <translation>Die OAuth-2.0-Tokens des Profils „%1“ wurden erneuert.</translation>
    </message>
    <message>
        <source>profile &quot;%1&quot; has no OAuth 2.0 client id: sign in with oauth2 login --client-id ID</source>
        <translation>Profil „%1“ hat keine OAuth-2.0-Client-ID: melden Sie sich mit oauth2 login --client-id ID an</translation>
    </message>
    <message>
        <source>profile &quot;%1&quot; has no OAuth 2.0 refresh token: sign in with oauth2 login</source>
        <translation>Profil „%1“ hat kein OAuth-2.0-Aktualisierungstoken: melden Sie sich mit oauth2 login an</translation>
    </message>
    <message>
        <source>the refreshed OAuth 2.0 tokens could not be stored (%1); sign in again with oauth2 login next time.</source>
        <translation>die erneuerten OAuth-2.0-Tokens konnten nicht gespeichert werden (%1); melden Sie sich beim nächsten Mal erneut mit oauth2 login an.</translation>
    </message>
    <message>
        <source>the output could not be written: %1</source>
        <translation>die Ausgabe konnte nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>the output could not be written</source>
        <translation>die Ausgabe konnte nicht geschrieben werden</translation>
    </message>
    <message>
        <source>the activity log is in use by another program, so the revoke was not recorded and nothing was sent; try again when it is done</source>
        <translation>das Aktivitätsprotokoll wird von einem anderen Programm verwendet, daher wurde der Widerruf nicht aufgezeichnet und nichts gesendet; versuchen Sie es erneut, wenn es fertig ist</translation>
    </message>
    <message>
        <source>the activity log could not record the revoke (%1), so nothing was sent</source>
        <translation>das Aktivitätsprotokoll konnte den Widerruf nicht aufzeichnen (%1), daher wurde nichts gesendet</translation>
    </message>
    <message numerus="yes">
        <source>the activity log could not record the next revoke (%1), so %n grant(s) were not sent</source>
        <extracomment>%1 says why the log could not record</extracomment>
        <translation>
            <numerusform>das Aktivitätsprotokoll konnte den nächsten Widerruf nicht aufzeichnen (%1), daher wurde %n Zugriffsberechtigung nicht gesendet</numerusform>
            <numerusform>das Aktivitätsprotokoll konnte den nächsten Widerruf nicht aufzeichnen (%1), daher wurden %n Zugriffsberechtigungen nicht gesendet</numerusform>
        </translation>
    </message>
    <message>
        <source>the activity log %1 is in use by another program; try again when it is done</source>
        <translation>das Aktivitätsprotokoll %1 wird von einem anderen Programm verwendet; versuchen Sie es erneut, wenn es fertig ist</translation>
    </message>
    <message>
        <source>the activity log %1 is damaged (not a database); move it aside and AccessDesk starts a new one</source>
        <translation>das Aktivitätsprotokoll %1 ist beschädigt (keine Datenbank); verschieben Sie es, dann beginnt AccessDesk ein neues</translation>
    </message>
    <message>
        <source>cannot open the activity log %1: %2</source>
        <translation>das Aktivitätsprotokoll %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>profile &quot;%1&quot; was saved, but no keychain is available (%2), so its secret was not saved; give the secret through the environment when you use the profile.</source>
        <translation>Profil „%1“ wurde gespeichert, aber es ist kein Schlüsselbund verfügbar (%2), daher wurde sein Geheimnis nicht gespeichert; geben Sie das Geheimnis über die Umgebung an, wenn Sie das Profil verwenden.</translation>
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
  Das Zertifikat ist nicht das für diesen Server festgelegte: Es wurde geändert, oder ein anderer Server antwortet.
  Festgelegt:      %2
  Angeboten:       %3
  Ausgestellt für: %4
  Ausgestellt von: %5
  Gültig:          %6 bis %7
Wenn Sie das angebotene Zertifikat mit der Administration des Servers geprüft haben und ihm vertrauen, führen Sie den Befehl erneut mit --pin-sha256 %3 aus</translation>
    </message>
</context>
<context>
    <name>accessdesk::cli::CliConsumers</name>
    <message>
        <source>cannot read --public-key %1: %2</source>
        <translation>--public-key %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>the consumer was not approved; nothing was sent:</source>
        <translation>der Consumer wurde nicht genehmigt; es wurde nichts gesendet:</translation>
    </message>
    <message>
        <source>“%1” has no incoming OAuth consumer; nothing was removed</source>
        <translation>„%1“ hat keinen eingehenden OAuth-Consumer; es wurde nichts entfernt</translation>
    </message>
    <message>
        <source>Remove the OAuth consumer “%1” (key %2) from the application link “%3”?</source>
        <translation>Den OAuth-Consumer „%1“ (Key %2) vom Anwendungslink „%3“ entfernen?</translation>
    </message>
    <message>
        <source>removing a consumer needs a confirmation: run it in a terminal or add --yes (nothing was changed)</source>
        <translation>zum Entfernen eines Consumers ist eine Bestätigung nötig: Führen Sie den Befehl in einem Terminal aus, oder fügen Sie --yes hinzu (es wurde nichts geändert)</translation>
    </message>
    <message>
        <source>%1 holds no PEM certificate</source>
        <translation>%1 enthält kein PEM-Zertifikat</translation>
    </message>
    <message>
        <source>warning: this public key cannot be approved: %1</source>
        <translation>Warnung: Dieser öffentliche Schlüssel kann nicht genehmigt werden: %1</translation>
    </message>
    <message>
        <source>consumers keygen needs --out FILE, the file for the private key</source>
        <translation>consumers keygen erfordert --out FILE, die Datei für den privaten Schlüssel</translation>
    </message>
    <message>
        <source>Add --force to replace it.</source>
        <translation>Fügen Sie --force hinzu, um sie zu ersetzen.</translation>
    </message>
    <message>
        <source>the private key is in %1, readable by you only; AccessDesk keeps no copy. Public key SHA-256 %2</source>
        <translation>der private Schlüssel liegt in %1 und ist nur für Sie lesbar; AccessDesk behält keine Kopie. SHA-256 des öffentlichen Schlüssels: %2</translation>
    </message>
</context>
<context>
    <name>accessdesk::cli::CliLinks</name>
    <message>
        <source>note: %1</source>
        <translation>Hinweis: %1</translation>
    </message>
    <message>
        <source>links update needs --name, --display-url or --rpc-url</source>
        <translation>links update erfordert --name, --display-url oder --rpc-url</translation>
    </message>
    <message>
        <source>nothing was deleted</source>
        <translation>es wurde nichts gelöscht</translation>
    </message>
    <message>
        <source>nothing was deleted: this needs a confirmation: run it in a terminal or add --yes</source>
        <translation>es wurde nichts gelöscht: Dafür ist eine Bestätigung nötig: Führen Sie den Befehl in einem Terminal aus, oder fügen Sie --yes hinzu</translation>
    </message>
    <message>
        <source>the link was not moved: nothing answers at %1</source>
        <translation>der Link wurde nicht verlegt: Unter %1 antwortet nichts</translation>
    </message>
    <message>
        <source>the link was not moved: nothing answers at %1: this needs a confirmation: run it in a terminal or add --yes</source>
        <translation>der Link wurde nicht verlegt: Unter %1 antwortet nichts: Dafür ist eine Bestätigung nötig: Führen Sie den Befehl in einem Terminal aus, oder fügen Sie --yes hinzu</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an application link id (see: links list)</source>
        <translation>&quot;%1&quot; ist keine ID eines Anwendungslinks (siehe: links list)</translation>
    </message>
    <message>
        <source>this server has no application link with the id %1 (see: links list)</source>
        <translation>dieser Server hat keinen Anwendungslink mit der ID %1 (siehe: links list)</translation>
    </message>
    <message>
        <source>This server has no application links.</source>
        <translation>Dieser Server hat keine Anwendungslinks.</translation>
    </message>
    <message numerus="yes">
        <source>checked %1 of %n links</source>
        <translation>
            <numerusform>%1 von %n Link geprüft</numerusform>
            <numerusform>%1 von %n Links geprüft</numerusform>
        </translation>
    </message>
    <message>
        <source>could not check “%1” (%2): %3</source>
        <translation>„%1“ (%2) konnte nicht geprüft werden: %3</translation>
    </message>
</context>
<context>
    <name>accessdesk::cli::CliOAuth2Clients</name>
    <message>
        <source>resetting a client secret needs a confirmation: run it in a terminal or add --yes (nothing was changed)</source>
        <translation>zum Zurücksetzen eines Client-Geheimnisses ist eine Bestätigung nötig: Führen Sie den Befehl in einem Terminal aus, oder fügen Sie --yes hinzu (es wurde nichts geändert)</translation>
    </message>
    <message>
        <source>Reset the secret of the OAuth 2.0 client “%1” (client id %2)?</source>
        <translation>Das Geheimnis des OAuth 2.0-Clients „%1“ (Client-ID %2) zurücksetzen?</translation>
    </message>
    <message>
        <source>deleting a client needs a confirmation: run it in a terminal or add --yes (nothing was changed)</source>
        <translation>zum Löschen eines Clients ist eine Bestätigung nötig: Führen Sie den Befehl in einem Terminal aus, oder fügen Sie --yes hinzu (es wurde nichts geändert)</translation>
    </message>
    <message>
        <source>Delete the OAuth 2.0 client “%1” (client id %2)?</source>
        <translation>Den OAuth 2.0-Client „%1“ (Client-ID %2) löschen?</translation>
    </message>
    <message>
        <source>the OAuth 2.0 client was not changed; nothing was sent:</source>
        <translation>der OAuth 2.0-Client wurde nicht geändert; es wurde nichts gesendet:</translation>
    </message>
    <message>
        <source>the OAuth 2.0 client was not created; nothing was sent:</source>
        <translation>der OAuth 2.0-Client wurde nicht erstellt; es wurde nichts gesendet:</translation>
    </message>
    <message>
        <source>this is the only time the client secret is shown; store it somewhere safe now.</source>
        <translation>das Client-Geheimnis wird nur dieses eine Mal angezeigt; bewahren Sie es jetzt an einem sicheren Ort auf.</translation>
    </message>
    <message>
        <source>The server has no OAuth 2.0 clients.</source>
        <translation>Der Server hat keine OAuth 2.0-Clients.</translation>
    </message>
    <message>
        <source>oauth2-clients update needs --name, --redirect or --scope (what is not given stays)</source>
        <translation>oauth2-clients update erfordert --name, --redirect oder --scope (was nicht angegeben wird, bleibt unverändert)</translation>
    </message>
    <message>
        <source>no OAuth 2.0 client has the id or client id “%1” (see: oauth2-clients list)</source>
        <translation>kein OAuth 2.0-Client hat die ID oder Client-ID „%1“ (siehe: oauth2-clients list)</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>See and revoke access on Jira Data Center. Without --profile or --server it opens the last server used.</source>
        <translation>Zugriffe in Jira Data Center einsehen und widerrufen. Ohne --profile oder --server wird der zuletzt verwendete Server geöffnet.</translation>
    </message>
    <message>
        <source>(see accessdesk-cli --help)</source>
        <translation>(siehe accessdesk-cli --help)</translation>
    </message>
</context>
</TS>
