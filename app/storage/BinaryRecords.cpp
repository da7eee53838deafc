#include "storage/BinaryRecords.h"

#include <QtEndian>

#include <limits>

namespace accessdesk {

void BinaryWriter::writeBytes(QByteArrayView bytes)
{
    m_bytes.append(bytes);
}

void BinaryWriter::writeByte(quint8 value)
{
    m_bytes.append(char(value));
}

void BinaryWriter::writeUInt32(quint32 value)
{
    char little[sizeof value];
    qToLittleEndian(value, little);
    m_bytes.append(little, sizeof little);
}

void BinaryWriter::writeInt64(qint64 value)
{
    char little[sizeof value];
    qToLittleEndian(value, little);
    m_bytes.append(little, sizeof little);
}

void BinaryWriter::writeText(const QString &text)
{
    Q_ASSERT(text.size() <= std::numeric_limits<quint32>::max());
    writeUInt32(quint32(text.size()));
    const qsizetype at = m_bytes.size();
    m_bytes.resize(at + text.size() * qsizetype(sizeof(char16_t)));
    qToLittleEndian<char16_t>(text.utf16(), text.size(), m_bytes.data() + at);
}

void BinaryWriter::beginRecord()
{
    m_openRecords.append(m_bytes.size());
    writeUInt32(0); // its length, once known
}

void BinaryWriter::endRecord()
{
    Q_ASSERT(!m_openRecords.isEmpty());
    const qsizetype at = m_openRecords.takeLast();
    const qsizetype length = m_bytes.size() - at - qsizetype(sizeof(quint32));
    qToLittleEndian(quint32(length), m_bytes.data() + at);
}

BinaryReader::BinaryReader(QByteArrayView bytes)
    : m_bytes(bytes)
{}

const char *BinaryReader::take(qsizetype count)
{
    if (m_failed || count < 0 || count > m_bytes.size() - m_position) {
        m_failed = true;
        return nullptr;
    }
    const char *start = m_bytes.data() + m_position;
    m_position += count;
    return start;
}

bool BinaryReader::readByte(quint8 *value)
{
    const char *start = take(1);
    if (start)
        *value = quint8(*start);
    return start;
}

bool BinaryReader::readUInt32(quint32 *value)
{
    const char *start = take(sizeof *value);
    if (start)
        *value = qFromLittleEndian<quint32>(start);
    return start;
}

bool BinaryReader::readInt64(qint64 *value)
{
    const char *start = take(sizeof *value);
    if (start)
        *value = qFromLittleEndian<qint64>(start);
    return start;
}

bool BinaryReader::readText(QString *text)
{
    quint32 units = 0;
    if (!readUInt32(&units))
        return false;
    // Checked before anything is allocated: a damaged length is no reason to ask for gigabytes.
    const char *start = take(qsizetype(units) * qsizetype(sizeof(char16_t)));
    if (!start)
        return false;
    *text = QString(qsizetype(units), Qt::Uninitialized);
    qFromLittleEndian<char16_t>(start, units, text->data());
    return true;
}

bool BinaryReader::readRecord(BinaryReader *record)
{
    quint32 length = 0;
    if (!readUInt32(&length))
        return false;
    const char *start = take(qsizetype(length));
    if (!start)
        return false;
    *record = BinaryReader(QByteArrayView(start, qsizetype(length)));
    return true;
}

bool BinaryReader::skipPrefix(QByteArrayView prefix)
{
    if (m_failed || !m_bytes.sliced(m_position).startsWith(prefix))
        return false;
    m_position += prefix.size();
    return true;
}

} // namespace accessdesk
