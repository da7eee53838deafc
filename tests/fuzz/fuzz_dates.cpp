// libFuzzer harness: Jira's date-time spellings (ISO and the medium date of the HTML pages).
#include "JiraDateTime.h"

#include <QString>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const QTimeZone zone(QByteArrayLiteral("America/New_York"));
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    for (const auto &parsed :
         {accessdesk::jiradate::parseIso(text), accessdesk::jiradate::parseIso(text, zone),
          accessdesk::jiradate::findMediumDate(text, zone),
          accessdesk::jiradate::findAny(text, zone)}) {
        // Whatever is found must be a real instant, reported in UTC.
        if (parsed && (!parsed->isValid() || parsed->timeSpec() != Qt::UTC))
            std::abort();
    }
    return 0;
}
