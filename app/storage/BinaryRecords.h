#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

namespace accessdesk {

// Little-endian records for what the app keeps on disk for itself and reads back at start (the
// offline cache's grant list): numbers of fixed width and text as UTF-16 with its length, so a
// reader copies instead of parsing. JSON took half the start of a window with 10,000 cached grants.
class BinaryWriter final
{
public:
    void writeBytes(QByteArrayView bytes); // as they are, e.g. a magic prefix
    void writeByte(quint8 value);
    void writeUInt32(quint32 value);
    void writeInt64(qint64 value);
    // The number of UTF-16 code units (uint32), then the units.
    void writeText(const QString &text);

    // A record of its own: its length (uint32) goes before it, so a reader can step over a record
    // it cannot read and go on with the next. Every beginRecord() needs its endRecord().
    void beginRecord();
    void endRecord();

    const QByteArray &bytes() const { return m_bytes; }

private:
    QByteArray m_bytes;
    QList<qsizetype> m_openRecords; // where each open record's length goes
};

// Reads what BinaryWriter wrote, checking every length against the bytes that are there: damaged
// or foreign bytes make a read fail (false), never read past the end or allocate what a damaged
// length claims. After a failed read every further read fails too.
class BinaryReader final
{
public:
    // bytes must outlive the reader and the records read from it: it reads them in place.
    explicit BinaryReader(QByteArrayView bytes = {});
    // A reader of a temporary array would read freed memory once the statement ends.
    explicit BinaryReader(QByteArray &&bytes) = delete;

    bool readByte(quint8 *value);
    bool readUInt32(quint32 *value);
    bool readInt64(qint64 *value);
    bool readText(QString *text);
    // The next record (see BinaryWriter::beginRecord) as a reader of its own; this reader goes on
    // after it. False when the record's length runs past the end.
    bool readRecord(BinaryReader *record);
    // Whether bytes starts with prefix, which is then stepped over.
    bool skipPrefix(QByteArrayView prefix);

    bool atEnd() const { return m_position == m_bytes.size(); }
    bool failed() const { return m_failed; }

private:
    // The next count bytes, or nullptr (and failed) when there are fewer.
    const char *take(qsizetype count);

    QByteArrayView m_bytes;
    qsizetype m_position = 0;
    bool m_failed = false;
};

} // namespace accessdesk
