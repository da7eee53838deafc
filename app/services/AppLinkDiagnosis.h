#pragma once

#include "AppLink.h"
#include "api/ApiError.h"

#include <QCoreApplication>
#include <QString>

namespace accessdesk {

// A link's health in plain words: what is wrong and what to do next, from the server's status
// answer (spec 3.4 (16): each error type of ApplinkErrorType) or from the failure of the status
// call itself. The table an administrator would otherwise look up in Atlassian's knowledge base.
struct AppLinkDiagnosis
{
    Q_DECLARE_TR_FUNCTIONS(AppLinkDiagnosis)

public:
    enum class Verdict {
        Working,
        Broken,     // the server checked and found a fault
        NotChecked, // nothing to check here (generic or system link): not a fault
        Unknown,    // the status could not be read
    };

    enum class Problem {
        None,
        // The remote cannot be reached.
        ConnectionRefused,
        UnknownHost,
        CertificateUntrusted,
        CertificateHostMismatch,
        TlsHandshakeFailed,
        UnexpectedResponse,
        // Authentication between the two applications.
        OAuthRefused,
        ConsumerMissingOnRemote,
        ClockMismatch,
        SignatureInvalid, // most often a base URL that differs from the address used
        LocalAuthorisationNeeded,
        RemoteAuthorisationNeeded,
        RemoteNotAdmin,
        // Configuration.
        NoRemoteLink,
        AuthLevelMismatch,
        AuthLevelUnsupported,
        NoOutgoingAuth,
        OAuthDisabled,
        RemoteIncompatible,
        LegacyAuthentication,
        // Nothing to check.
        NotAtlassian,
        SystemLink,
        UnknownError,
        // The status call itself.
        NotAdmin,
        SignInRefused,
        LinkGone,
        CheckTimedOut,
        JiraUnreachable,
        CheckFailed,
    };

    Verdict verdict = Verdict::Working;
    Problem problem = Problem::None;
    QString summary; // what is wrong (or "Working.")
    QString advice;  // what to do next; empty when nothing is to be done

    bool isFault() const { return verdict == Verdict::Broken || verdict == Verdict::Unknown; }

    static AppLinkDiagnosis of(const AppLinkStatus &status);
    static AppLinkDiagnosis ofError(const ApiError &error);
    // Stable, untranslated keys for JSON: "unknown-host", "clock-mismatch", …
    static QString problemKey(Problem problem);
    static QString verdictKey(Verdict verdict);
};

} // namespace accessdesk
