#pragma once

#include <QFileDevice>
#include <QString>

// What AccessDesk keeps about the user's servers (the local database and its WAL files, the
// profiles file, exports, receipts, key files) is for the user alone: files are 0600 (owner read
// and write), AccessDesk's own folders 0700. Folders the user picks (for an export, a receipt, a
// key pair) are the user's and are left as they are; the files put there are still 0600.
namespace accessdesk::privatefiles {

inline constexpr QFileDevice::Permissions kFile = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
inline constexpr QFileDevice::Permissions kFolder =
    QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner;

// Creates the folder (and missing parents) when needed and makes the folder itself 0700. False,
// with a sentence in *error when given, when it cannot be created or restricted.
bool ensureFolder(const QString &path, QString *error = nullptr);

// Makes an existing file 0600, or creates it empty with that mode (O_EXCL, so nothing is ever
// readable by others, not even for a moment). For files written later by code that keeps the
// mode of the file it replaces (QSettings, SQLite, QSaveFile).
bool ensureFile(const QString &path, QString *error = nullptr);

// <folder>/profiles.ini, the connection profiles shared by the app and the CLI: the folder made
// 0700 and the file 0600 (QSettings keeps the mode of the file it rewrites).
QString settingsFile(const QString &folder);
// The same path without creating anything, for reading a setting before anything is written.
QString settingsFilePath(const QString &folder);

// Makes the file 0600 when it exists; a missing file is not an error.
bool restrictFile(const QString &path);

} // namespace accessdesk::privatefiles
