#pragma once

#include <QString>

#include <optional>
#include <utility>

namespace accessdesk {

// What every decoder in models/ returns: a value, or a plain-words error that names the field at
// fault. Decoders never throw, so a malformed server answer is an ordinary outcome for callers.
template<class T> struct Decoded
{
    std::optional<T> value;
    QString error;

    static Decoded success(T decoded) { return Decoded{std::move(decoded), QString()}; }
    static Decoded failure(QString message) { return Decoded{std::nullopt, std::move(message)}; }

    bool ok() const { return value.has_value(); }
    explicit operator bool() const { return ok(); }
    const T &operator*() const { return *value; }
    T &operator*() { return *value; }
    const T *operator->() const { return &*value; }
    T *operator->() { return &*value; }
};

} // namespace accessdesk
