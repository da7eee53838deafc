<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en">
<context>
    <name>ApiError</name>
    <message numerus="yes">
        <source>The server is limiting requests; try again in %n second(s).</source>
        <translation>
            <numerusform>The server is limiting requests; try again in %n second.</numerusform>
            <numerusform>The server is limiting requests; try again in %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConnectionCheck</name>
    <message numerus="yes">
        <source>The server did not answer within %n second(s). It may be busy or out of reach: try again, or allow more time here.</source>
        <translation>
            <numerusform>The server did not answer within %n second. It may be busy or out of reach: try again, or allow more time here.</numerusform>
            <numerusform>The server did not answer within %n seconds. It may be busy or out of reach: try again, or allow more time here.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExpiryNotice</name>
    <message numerus="yes">
        <source>Access expiring within %n day(s)</source>
        <comment>notification title</comment>
        <translation>
            <numerusform>Access expiring within %n day</numerusform>
            <numerusform>Access expiring within %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n grant(s) expire soon: %1. Open My access to replace or revoke them.</source>
        <translation>
            <numerusform>%n grant expires soon: %1. Open My access to replace or revoke it.</numerusform>
            <numerusform>%n grants expire soon: %1. Open My access to replace or revoke them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n grant(s) expire soon. Create a replacement for what you still need, and revoke the rest.</source>
        <translation>
            <numerusform>%n grant expires soon. Create a replacement for what you still need, and revoke the rest.</numerusform>
            <numerusform>%n grants expire soon. Create a replacement for what you still need, and revoke the rest.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RelativeTime</name>
    <message numerus="yes">
        <source>in %n minute(s)</source>
        <translation>
            <numerusform>in %n minute</numerusform>
            <numerusform>in %n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) ago</source>
        <translation>
            <numerusform>%n minute ago</numerusform>
            <numerusform>%n minutes ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n hour(s)</source>
        <translation>
            <numerusform>in %n hour</numerusform>
            <numerusform>in %n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) ago</source>
        <translation>
            <numerusform>%n hour ago</numerusform>
            <numerusform>%n hours ago</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>in %n day(s)</source>
        <translation>
            <numerusform>in %n day</numerusform>
            <numerusform>in %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RevokeWording</name>
    <message numerus="yes">
        <source>…and %n more application(s); they too can then see only public data.</source>
        <translation>
            <numerusform>…and %n more application; it too can then see only public data.</numerusform>
            <numerusform>…and %n more applications; they too can then see only public data.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>…and %n more personal access token(s); scripts and tools using them will be refused.</source>
        <translation>
            <numerusform>…and %n more personal access token; scripts and tools using it will be refused.</numerusform>
            <numerusform>…and %n more personal access tokens; scripts and tools using them will be refused.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StaleTokenRule</name>
    <message numerus="yes">
        <source>not used in the last %n day(s)</source>
        <translation>
            <numerusform>not used in the last %n day</numerusform>
            <numerusform>not used in the last %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>expiring within %n day(s)</source>
        <translation>
            <numerusform>expiring within %n day</numerusform>
            <numerusform>expiring within %n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>accessdesk::ExpiryBanner</name>
    <message numerus="yes">
        <source>Create a new personal access token named “%1” that lasts %n day(s), as this one did. Its secret is shown once.</source>
        <translation>
            <numerusform>Create a new personal access token named “%1” that lasts %n day, as this one did. Its secret is shown once.</numerusform>
            <numerusform>Create a new personal access token named “%1” that lasts %n days, as this one did. Its secret is shown once.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>accessdesk::MyAccessPage</name>
    <message numerus="yes">
        <source>%1 of %n grant(s)</source>
        <comment>shown by the filter, of all</comment>
        <translation>
            <numerusform>%1 of %n grant</numerusform>
            <numerusform>%1 of %n grants</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n grant(s) hidden by the filter will be kept.</source>
        <translation>
            <numerusform>%n grant hidden by the filter will be kept.</numerusform>
            <numerusform>%n grants hidden by the filter will be kept.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Revoke the %n grant(s) the filter shows; the hidden ones are kept.</source>
        <translation>
            <numerusform>Revoke the %n grant the filter shows; the hidden ones are kept.</numerusform>
            <numerusform>Revoke the %n grants the filter shows; the hidden ones are kept.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n grant(s) on this page could not be read — open it in the browser: %1</source>
        <translation>
            <numerusform>%n grant on this page could not be read — open it in the browser: %1</numerusform>
            <numerusform>%n grants on this page could not be read — open it in the browser: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n grant(s)</source>
        <translation>
            <numerusform>%n grant</numerusform>
            <numerusform>%n grants</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n grant(s) in the copy of this list saved on this computer could not be read. The server&apos;s list replaces the copy when it answers; to see them now, open the page in the browser: %1</source>
        <translation>
            <numerusform>%n grant in the copy of this list saved on this computer could not be read. The server&apos;s list replaces the copy when it answers; to see it now, open the page in the browser: %1</numerusform>
            <numerusform>%n grants in the copy of this list saved on this computer could not be read. The server&apos;s list replaces the copy when it answers; to see them now, open the page in the browser: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>accessdesk::OAuth2ClientList</name>
    <message numerus="yes">
        <source>The server has %n OAuth 2.0 client(s).</source>
        <translation>
            <numerusform>The server has %n OAuth 2.0 client.</numerusform>
            <numerusform>The server has %n OAuth 2.0 clients.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>accessdesk::RevokeProgressDialog</name>
    <message numerus="yes">
        <source>%n not revoked (still listed by the server).</source>
        <translation>
            <numerusform>%n not revoked (still listed by the server).</numerusform>
            <numerusform>%n not revoked (still listed by the server).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n not confirmed (check the list).</source>
        <translation>
            <numerusform>%n not confirmed (check the list).</numerusform>
            <numerusform>%n not confirmed (check the list).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>accessdesk::TokenInventorySearch</name>
    <message numerus="yes">
        <source>More than %n users match “%1”; give more of the name.</source>
        <translation>
            <numerusform>More than %n user matches “%1”; give more of the name.</numerusform>
            <numerusform>More than %n users match “%1”; give more of the name.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Page %1 of the token search failed after %n token(s) were listed. %2</source>
        <translation>
            <numerusform>Page %1 of the token search failed after %n token was listed. %2</numerusform>
            <numerusform>Page %1 of the token search failed after %n tokens were listed. %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>accessdesk::cli::CliAdminPats</name>
    <message numerus="yes">
        <source>… and %n more</source>
        <translation>
            <numerusform>… and %n more</numerusform>
            <numerusform>… and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Revoke these %n personal access tokens?</source>
        <translation>
            <numerusform>Revoke this personal access token?</numerusform>
            <numerusform>Revoke these %n personal access tokens?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Revoke %n personal access token(s) that are %1?</source>
        <extracomment>%1 is the rule, e.g. &quot;never used&quot;</extracomment>
        <translation>
            <numerusform>Revoke %n personal access token that is %1?</numerusform>
            <numerusform>Revoke %n personal access tokens that are %1?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>page %1 of the token search failed, after %n token(s): %2</source>
        <translation>
            <numerusform>page %1 of the token search failed, after %n token: %2</numerusform>
            <numerusform>page %1 of the token search failed, after %n tokens: %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>revoking… %1 of %n token(s)</source>
        <translation>
            <numerusform>revoking… %1 of %n token</numerusform>
            <numerusform>revoking… %1 of %n tokens</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>revoked %1 of %n token(s)</source>
        <translation>
            <numerusform>revoked %1 of %n token</numerusform>
            <numerusform>revoked %1 of %n tokens</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>revoked %1 of %n token(s); %2</source>
        <translation>
            <numerusform>revoked %1 of %n token; %2</numerusform>
            <numerusform>revoked %1 of %n tokens; %2</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>accessdesk::cli::CliApp</name>
    <message numerus="yes">
        <source>revoked %1 of %n grant(s); %2 not revoked; %3 not confirmed, check with: tokens list</source>
        <translation>
            <numerusform>revoked %1 of %n grant; %2 not revoked; %3 not confirmed, check with: tokens list</numerusform>
            <numerusform>revoked %1 of %n grants; %2 not revoked; %3 not confirmed, check with: tokens list</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>revoked %1 of %n grant(s); %2 not revoked</source>
        <translation>
            <numerusform>revoked %1 of %n grant; %2 not revoked</numerusform>
            <numerusform>revoked %1 of %n grants; %2 not revoked</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>revoked %1 of %n grant(s); %2 not confirmed, check with: tokens list</source>
        <translation>
            <numerusform>revoked %1 of %n grant; %2 not confirmed, check with: tokens list</numerusform>
            <numerusform>revoked %1 of %n grants; %2 not confirmed, check with: tokens list</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>revoked %1 of %n grant(s)</source>
        <translation>
            <numerusform>revoked %1 of %n grant</numerusform>
            <numerusform>revoked %1 of %n grants</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the activity log could not record the next revoke (%1), so %n grant(s) were not sent</source>
        <extracomment>%1 says why the log could not record</extracomment>
        <translation>
            <numerusform>the activity log could not record the next revoke (%1), so %n grant was not sent</numerusform>
            <numerusform>the activity log could not record the next revoke (%1), so %n grants were not sent</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>accessdesk::cli::CliLinks</name>
    <message numerus="yes">
        <source>checked %1 of %n links</source>
        <translation>
            <numerusform>checked %1 of %n link</numerusform>
            <numerusform>checked %1 of %n links</numerusform>
        </translation>
    </message>
</context>
</TS>
