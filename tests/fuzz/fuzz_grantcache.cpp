// libFuzzer harness: the offline cache's grant list (GrantListCache::fromBinary), which My access
// reads from disk at every start, where a damaged file or one of another version may lie. Whatever
// the bytes: a list or an error that says why, never both; every entry the list counts is either
// read or reported (none dropped silently); and what was read survives being written and read
// again unchanged, so the next start shows the same list. Built with
// app/services/GrantListCache.cpp and the storage code it calls (see run.sh).
#include "FuzzCheck.h"
#include "services/GrantListCache.h"
#include "storage/BinaryRecords.h"

namespace {

// The number of entries the payload's header claims (format in GrantListCache.cpp): the magic,
// the format, then the count.
quint32 entryCount(const QByteArray &bytes)
{
    accessdesk::BinaryReader in(bytes);
    quint32 format = 0;
    quint32 count = 0;
    in.skipPrefix("AccessDesk grants");
    in.readUInt32(&format);
    in.readUInt32(&count);
    return count;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using accessdesk::GrantListCache;
    const QByteArray bytes = fuzz::bytes(data, size);
    const auto read = GrantListCache::fromBinary(bytes);
    fuzz::check(read);
    if (!read)
        return 0;
    fuzz::require(quint64(read->grants.size() + read->unreadable.size()) == entryCount(bytes));
    fuzz::require(!read->fetchedAt.isValid()); // the cache's own column, not the payload's
    for (const auto &row : read->unreadable)
        fuzz::require(!row.reason.isEmpty() && row.excerpt.size() <= 60);

    // Written again (as store() would after showing it) and read back: the same grants.
    const auto again = GrantListCache::fromBinary(GrantListCache::toBinary(read->grants));
    fuzz::require(again.ok() && again->unreadable.isEmpty());
    fuzz::require(again->grants.size() == read->grants.size());
    for (qsizetype i = 0; i < read->grants.size(); ++i) {
        const auto &a = read->grants.at(i);
        const auto &b = again->grants.at(i);
        fuzz::require(a.issuedAt.isValid() == b.issuedAt.isValid());
        fuzz::require(!a.issuedAt.isValid() || a.issuedAt.timeSpec() == Qt::UTC);
        // OAuth 1.0a ids are written as their public id, so only the other kinds keep theirs.
        fuzz::require(a.kind != accessdesk::GrantKind::OAuth1
                          ? a == b
                          : a.application == b.application && a.issuedAt == b.issuedAt &&
                                a.expiresAt == b.expiresAt && a.lastUsedAt == b.lastUsedAt &&
                                a.scopes == b.scopes);
    }
    return 0;
}
