#include "TokenSearchForm.h"

#include "DialogParts.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace accessdesk {

namespace {

using Field = AdminTokenQuery::Field;

// A red frame around the field at fault, in the red that reads on the field's palette.
QString markedStyle(const QWidget *field)
{
    return QStringLiteral("QLineEdit, QCheckBox { border: 1px solid %1; }")
        .arg(DialogParts::problemColor(field->palette()).name());
}

} // namespace

TokenSearchForm::TokenSearchForm(QWidget *parent)
    : QWidget(parent)
    , m_owner(new QLineEdit(this))
    , m_name(new QLineEdit(this))
    , m_neverUsed(new QCheckBox(tr("Ne&ver used"), this))
    , m_search(new QPushButton(tr("&Search"), this))
    , m_clear(new QPushButton(tr("Clear filters"), this))
    , m_problem(DialogParts::errorLabel(this))
{
    setObjectName(QStringLiteral("tokenSearchForm"));
    setAccessibleName(tr("Search personal tokens"));
    m_owner->setObjectName(QStringLiteral("tokenOwner"));
    m_owner->setPlaceholderText(tr("any user: name, display name or e-mail"));
    m_owner->setAccessibleName(tr("Owner's user name, display name or e-mail contains"));
    m_owner->setClearButtonEnabled(true);
    m_name->setObjectName(QStringLiteral("tokenName"));
    m_name->setPlaceholderText(tr("any name"));
    m_name->setAccessibleName(tr("Token name contains"));
    m_name->setClearButtonEnabled(true);
    m_neverUsed->setObjectName(QStringLiteral("neverUsed"));
    m_neverUsed->setAccessibleName(tr("Only tokens never used"));
    m_search->setObjectName(QStringLiteral("searchTokens"));
    m_search->setAccessibleName(tr("Search personal tokens"));
    m_search->setToolTip(tr("Search every user's tokens on the server with these filters"));
    m_clear->setObjectName(QStringLiteral("clearSearch"));
    m_clear->setAccessibleName(tr("Clear the search filters"));
    m_problem->setObjectName(QStringLiteral("searchProblem"));
    m_problem->setAccessibleName(tr("Problem with the search filters"));
    m_problem->hide();

    auto *ownerLabel = new QLabel(tr("&Owner:"), this);
    ownerLabel->setBuddy(m_owner);
    auto *nameLabel = new QLabel(tr("Token &name contains:"), this);
    nameLabel->setBuddy(m_name);
    auto *words = new QHBoxLayout;
    words->addWidget(ownerLabel);
    words->addWidget(m_owner, 2);
    words->addWidget(nameLabel);
    words->addWidget(m_name, 1);
    words->addWidget(m_neverUsed);

    auto *days = new QHBoxLayout;
    const struct
    {
        QString label;
        Field from, to;
        const char *fromName, *toName;
        QString fromAccessible, toAccessible;
    } ranges[] = {
        {tr("C&reated:"), Field::CreatedFrom, Field::CreatedTo, "createdFrom", "createdTo",
         tr("Created on or after"), tr("Created on or before")},
        {tr("E&xpires:"), Field::ExpiresFrom, Field::ExpiresTo, "expiresFrom", "expiresTo",
         tr("Expires on or after"), tr("Expires on or before")},
        {tr("&Last used:"), Field::LastUsedFrom, Field::LastUsedTo, "lastUsedFrom", "lastUsedTo",
         tr("Last used on or after"), tr("Last used on or before")},
    };
    for (const auto &range : ranges) {
        auto *label = new QLabel(range.label, this);
        label->setBuddy(
            addDateField(range.from, QLatin1String(range.fromName), range.fromAccessible));
        auto *to = new QLabel(tr("to"), this);
        to->setBuddy(addDateField(range.to, QLatin1String(range.toName), range.toAccessible));
        days->addWidget(label);
        days->addWidget(m_dates.value(range.from));
        days->addWidget(to);
        days->addWidget(m_dates.value(range.to));
        days->addSpacing(12);
    }
    days->addStretch(1);
    days->addWidget(m_search);
    days->addWidget(m_clear);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(words);
    layout->addLayout(days);
    layout->addWidget(m_problem);

    connect(m_search, &QPushButton::clicked, this, &TokenSearchForm::submit);
    connect(m_clear, &QPushButton::clicked, this, &TokenSearchForm::clear);
    for (QLineEdit *field : {m_owner, m_name})
        connect(field, &QLineEdit::returnPressed, this, &TokenSearchForm::submit);
    connect(m_neverUsed, &QCheckBox::toggled, this, &TokenSearchForm::clearProblem);
}

QLineEdit *TokenSearchForm::addDateField(Field field, const QString &objectName,
                                         const QString &accessibleName)
{
    auto *edit = new QLineEdit(this);
    edit->setObjectName(objectName);
    edit->setAccessibleName(accessibleName);
    edit->setPlaceholderText(tr("YYYY-MM-DD"));
    edit->setToolTip(tr("A day as year-month-day, for example 2025-03-31; empty for no limit."));
    edit->setClearButtonEnabled(true);
    edit->setMaximumWidth(edit->fontMetrics().horizontalAdvance(QStringLiteral("0000-00-00")) + 48);
    connect(edit, &QLineEdit::returnPressed, this, &TokenSearchForm::submit);
    m_dates.insert(field, edit);
    return edit;
}

std::optional<QDate> TokenSearchForm::dateOf(Field field, bool *ok)
{
    const QString text = m_dates.value(field)->text().trimmed();
    if (text.isEmpty())
        return std::nullopt;
    const QDate day = QDate::fromString(text, Qt::ISODate);
    if (day.isValid())
        return day;
    showProblem(
        field,
        tr("“%1” is not a day. Write it as year-month-day, for example 2025-03-31.").arg(text));
    *ok = false;
    return std::nullopt;
}

std::optional<AdminTokenQuery> TokenSearchForm::query()
{
    clearProblem();
    AdminTokenQuery query;
    query.owner = m_owner->text().trimmed();
    query.name = m_name->text().trimmed();
    query.neverUsed = m_neverUsed->isChecked();
    bool ok = true;
    const std::pair<TokenDayRange *, std::pair<Field, Field>> ranges[] = {
        {&query.created, {Field::CreatedFrom, Field::CreatedTo}},
        {&query.expires, {Field::ExpiresFrom, Field::ExpiresTo}},
        {&query.lastUsed, {Field::LastUsedFrom, Field::LastUsedTo}},
    };
    for (const auto &[range, fields] : ranges) {
        range->from = dateOf(fields.first, &ok);
        if (ok)
            range->to = dateOf(fields.second, &ok);
        if (!ok)
            return std::nullopt;
    }
    if (const auto problem = query.problem()) {
        showProblem(problem->field, problem->text);
        return std::nullopt;
    }
    return query;
}

void TokenSearchForm::clearProblem()
{
    for (QLineEdit *edit : std::as_const(m_dates))
        edit->setStyleSheet(QString());
    m_neverUsed->setStyleSheet(QString());
    m_problem->clear();
    m_problem->hide();
}

void TokenSearchForm::showProblem(Field field, const QString &text)
{
    clearProblem();
    m_problem->setText(text);
    m_problem->show();
    QWidget *at = field == Field::NeverUsed ? static_cast<QWidget *>(m_neverUsed)
                                            : m_dates.value(field, m_owner);
    at->setStyleSheet(markedStyle(at));
    at->setFocus(Qt::OtherFocusReason);
}

QString TokenSearchForm::problemText() const
{
    return m_problem->text();
}

void TokenSearchForm::clear()
{
    m_owner->clear();
    m_name->clear();
    for (QLineEdit *edit : std::as_const(m_dates))
        edit->clear();
    m_neverUsed->setChecked(false);
    clearProblem();
}

void TokenSearchForm::submit()
{
    if (const auto found = query())
        emit searchRequested(*found);
}

} // namespace accessdesk
