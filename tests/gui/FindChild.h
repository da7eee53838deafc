#pragma once

// How widget tests and the screenshot tool reach a control: by its object name, as a user's
// tool would, never through a getter added for tests.

#include <QObject>
#include <QString>

namespace accessdesk {

// Ends the program with a message naming the control and its parent: a test cannot go on
// without the control, and a null pointer would only crash later with less to say.
[[noreturn]] inline void missingChild(const QObject *parent, const char *type, const QString &name)
{
    const QString where = parent ? QStringLiteral("%1 \"%2\"")
                                       .arg(QString::fromLatin1(parent->metaObject()->className()),
                                            parent->objectName())
                                 : QStringLiteral("(no parent)");
    qFatal("No %s named \"%s\" below %s", type, qPrintable(name), qPrintable(where));
}

// The control named name below parent; ends the program when there is none.
template<class T> T *child(const QObject *parent, const QString &name)
{
    if (parent) {
        if (auto *found = parent->findChild<T *>(name))
            return found;
    }
    missingChild(parent, T::staticMetaObject.className(), name);
}

template<class T> T *child(const QObject *parent, const char *name)
{
    return child<T>(parent, QString::fromLatin1(name));
}

// The visible dialog of type T under owner (a closed one may linger until deleted).
template<class T> T *shownDialog(const QObject *owner)
{
    const QList<T *> dialogs = owner->findChildren<T *>();
    for (T *dialog : dialogs) {
        if (dialog->isVisible())
            return dialog;
    }
    return nullptr;
}

} // namespace accessdesk
