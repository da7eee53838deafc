#include "ActivityPage.h"

#include "ActivityModel.h"
#include "TableExport.h"
#include "TableViews.h"
#include "storage/ActivityLog.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace accessdesk {

namespace {

// Enough for years of use; a log past it shows its newest part and says so.
constexpr int kMaxEntries = 10000;

std::optional<ActivityOutcome> outcomeFor(int choice)
{
    switch (choice) {
    case ActivityPage::SucceededOnly:
        return ActivityOutcome::Succeeded;
    case ActivityPage::FailedOnly:
        return ActivityOutcome::Failed;
    case ActivityPage::InterruptedOnly:
        return ActivityOutcome::Interrupted;
    case ActivityPage::UnknownOnly:
        return ActivityOutcome::Unknown;
    case ActivityPage::PendingOnly:
        return ActivityOutcome::Pending;
    default:
        return std::nullopt;
    }
}

QString longLocal(const QDateTime &utc)
{
    return QLocale().toString(utc.toLocalTime(), QLocale::LongFormat);
}

} // namespace

ActivityPage::ActivityPage(QWidget *parent)
    : QWidget(parent)
    , m_model(new ActivityModel(this))
    , m_proxy(new ActivityFilterModel(this))
    , m_filter(new QLineEdit(this))
    , m_outcome(new QComboBox(this))
    , m_refresh(new QPushButton(tr("Refresh"), this))
    , m_export(new QPushButton(tr("Export CSV…"), this))
    , m_stack(new QStackedWidget(this))
    , m_empty(new QLabel(this))
    , m_table(new QTableView(this))
    , m_details(new QTextBrowser(this))
    , m_status(new QLabel(this))
{
    setAccessibleName(tr("Activity"));
    m_proxy->setSourceModel(m_model);

    m_filter->setObjectName(QStringLiteral("activityFilter"));
    TableViews::setUpFilterField(m_filter, this, tr("Filter activity"), m_table);
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_proxy->setTextFilter(text);
        renderStatus();
    });

    m_outcome->addItem(tr("All outcomes"));
    m_outcome->addItem(tr("Succeeded"));
    m_outcome->addItem(tr("Failed"));
    m_outcome->addItem(tr("Unknown (interrupted)"));
    m_outcome->addItem(tr("Unknown (not confirmed)"));
    m_outcome->addItem(tr("In progress"));
    m_outcome->setObjectName(QStringLiteral("activityOutcome"));
    m_outcome->setAccessibleName(tr("Show outcome"));
    m_outcome->setToolTip(tr("Show only actions with this outcome"));
    connect(m_outcome, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_proxy->setOutcome(outcomeFor(index));
        renderStatus();
    });

    m_refresh->setObjectName(QStringLiteral("refreshActivity"));
    m_refresh->setAccessibleName(tr("Refresh the activity"));
    m_export->setObjectName(QStringLiteral("exportActivity"));
    m_export->setAccessibleName(tr("Export the shown activity as CSV"));
    m_export->setToolTip(tr("Save the rows shown (after filtering) as a CSV file"));
    connect(m_refresh, &QPushButton::clicked, this, &ActivityPage::reload);
    connect(m_export, &QPushButton::clicked, this, &ActivityPage::exportShown);

    TableViews::setUpSortableTable(m_table, m_proxy, ActivityModel::When, Qt::DescendingOrder,
                                   QAbstractItemView::SingleSelection);
    m_table->setObjectName(QStringLiteral("activityTable"));
    m_table->setAccessibleName(tr("Activity entries"));
    // Still in the CSV; in the table they only crowd out what matters.
    m_table->setColumnHidden(ActivityModel::Profile, true);
    m_table->setColumnHidden(ActivityModel::Completed, true);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ActivityPage::updateDetails);

    m_details->setObjectName(QStringLiteral("activityDetails"));
    m_details->setAccessibleName(tr("Activity details"));
    m_details->setOpenLinks(false);

    m_empty->setObjectName(QStringLiteral("activityEmpty"));
    m_empty->setAccessibleName(tr("No activity yet"));
    m_empty->setWordWrap(true);
    m_empty->setTextFormat(Qt::PlainText);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setMargin(24);

    auto *top = new QHBoxLayout;
    top->addWidget(m_filter, 1);
    top->addWidget(m_outcome);
    top->addWidget(m_refresh);
    top->addWidget(m_export);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    // Centred at about two thirds of the width: long lines are hard to read. Stretch factors,
    // not alignment, so the layout still gives the wrapped text the height it needs.
    auto *emptyPane = new QWidget(this);
    auto *emptyRow = new QHBoxLayout;
    emptyRow->addStretch(1);
    emptyRow->addWidget(m_empty, 3);
    emptyRow->addStretch(1);
    auto *emptyLayout = new QVBoxLayout(emptyPane);
    emptyLayout->addStretch(1);
    emptyLayout->addLayout(emptyRow);
    emptyLayout->addStretch(2);
    m_stack->addWidget(splitter);
    m_stack->addWidget(emptyPane);

    m_status->setAccessibleName(tr("Activity status"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0); // the window's margins frame the page
    layout->addLayout(top);
    layout->addWidget(m_stack, 1);
    layout->addWidget(m_status);

    reload();
}

void ActivityPage::setActivityLog(ActivityLog *log)
{
    m_log = log;
    reload();
}

void ActivityPage::reload()
{
    const QModelIndexList selected = m_table->selectionModel()->selectedRows();
    const qint64 selectedId =
        selected.isEmpty() ? 0 : selected.first().data(ActivityModel::EntryIdRole).toLongLong();

    m_readError.clear();
    QList<ActivityEntry> entries;
    if (m_log) {
        ActivityFilter filter;
        filter.limit = kMaxEntries;
        entries = m_log->entries(filter);
        m_readError = m_log->lastError();
    }
    m_model->setEntries(std::move(entries));
    m_table->resizeColumnsToContents();

    if (selectedId > 0) {
        for (int row = 0; row < m_proxy->rowCount(); ++row) {
            const QModelIndex index = m_proxy->index(row, 0);
            if (index.data(ActivityModel::EntryIdRole).toLongLong() == selectedId) {
                m_table->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect |
                                                             QItemSelectionModel::Rows);
                break;
            }
        }
    }
    renderStatus();
    updateDetails();
}

void ActivityPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    reload();
}

void ActivityPage::renderStatus()
{
    const int total = m_model->rowCount();
    const int shown = m_proxy->rowCount();
    const bool empty = total == 0;
    m_stack->setCurrentIndex(empty ? 1 : 0);
    m_export->setEnabled(shown > 0);
    m_filter->setEnabled(!empty);
    m_outcome->setEnabled(!empty);

    if (!m_log) {
        m_empty->setText(tr("The activity record is not available, so changes made now are not "
                            "listed here."));
    } else if (!m_readError.isEmpty()) {
        m_empty->setText(tr("The activity record could not be read: %1").arg(m_readError));
    } else {
        m_empty->setText(tr(
            "Nothing has been changed from this computer yet.\n\n"
            "Every change made with AccessDesk — revoking access, creating a personal token, "
            "administering a server — will be listed here: when it happened, on which server, "
            "as which user, and whether it worked. A change that was cut short before the "
            "server answered is listed as “unknown (interrupted)”, so nothing goes unrecorded."));
    }

    QString text;
    if (!m_readError.isEmpty())
        text = tr("Could not read the activity record: %1").arg(m_readError);
    else if (empty)
        text.clear();
    else if (shown == total)
        text = total == 1 ? tr("1 entry") : tr("%1 entries").arg(total);
    else if (shown == 0)
        text = tr("No entry matches the filter (%1 in all).").arg(total);
    else
        text = tr("%1 of %2 entries shown").arg(shown).arg(total);
    if (total >= kMaxEntries)
        text += QLatin1Char(' ') + tr("(only the newest %1 are listed)").arg(kMaxEntries);
    m_status->setText(text);
}

void ActivityPage::updateDetails()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty()) {
        m_details->setPlainText(tr("Select an entry to see all it records."));
        return;
    }
    const ActivityEntry entry = m_model->entryAt(m_proxy->mapToSource(rows.first()).row());
    QStringList lines;
    lines << ActivityModel::actionLabel(entry.action) + QStringLiteral(": ") + entry.target;
    lines << tr("Outcome: %1").arg(ActivityModel::outcomeLabel(entry.outcome));
    if (!entry.errorText.isEmpty())
        lines << tr("Error: %1").arg(entry.errorText);
    lines << tr("Started: %1").arg(longLocal(entry.time));
    if (entry.completedAt.isValid())
        lines << tr("Completed: %1").arg(longLocal(entry.completedAt));
    lines << tr("Server: %1").arg(entry.serverUrl);
    if (!entry.profile.isEmpty())
        lines << tr("Profile: %1").arg(entry.profile);
    lines << tr("User: %1").arg(entry.user);
    if (entry.outcome == ActivityOutcome::Interrupted)
        lines << QString()
              << tr("AccessDesk stopped before the server answered, so it is not known whether "
                    "this change was made. Check the server to be sure.");
    if (entry.outcome == ActivityOutcome::Unknown)
        lines << QString()
              << tr("The request was sent, but its answer was lost and AccessDesk could not see "
                    "afterwards whether the change was made. Check the server to be sure.");
    m_details->setPlainText(lines.join(QLatin1Char('\n')));
}

void ActivityPage::exportShown()
{
    TableExport::exportWithDialog(*m_proxy, QStringLiteral("accessdesk-activity.csv"), this);
}

} // namespace accessdesk
