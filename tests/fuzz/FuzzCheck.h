#pragma once

#include "Decoded.h"

#include <QByteArray>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

// Shared by the libFuzzer harnesses: the input as a QByteArray without a copy, and the one
// contract every decoder keeps whatever it is fed: a value, or else an error that says why.
namespace fuzz {

inline QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
}

// A property the harness states: false is a finding, as a crash would be.
inline void require(bool condition)
{
    if (!condition)
        std::abort();
}

template<class T> void check(const accessdesk::Decoded<T> &decoded)
{
    if (decoded.ok() == !decoded.error.isEmpty())
        std::abort();
}

} // namespace fuzz
