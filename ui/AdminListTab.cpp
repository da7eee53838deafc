#include "AdminListTab.h"

#include "TableExport.h"
#include "TableViews.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace accessdesk {

AdminListTab::AdminListTab(const QString &what, QStringList headers, QString exportName,
                           QWidget *parent)
    : QWidget(parent)
    , m_model(new AdminTableModel(std::move(headers), this))
    , m_proxy(new AdminFilterModel(this))
    , m_exportName(std::move(exportName))
    , m_layout(new QVBoxLayout(this))
    , m_toolbar(new QHBoxLayout)
    , m_filter(new QLineEdit(this))
    , m_refresh(new QPushButton(tr("Refresh"), this))
    , m_export(new QPushButton(tr("Export CSV…"), this))
    , m_error(new QLabel(this))
    , m_table(new QTableView(this))
    , m_details(new QTextBrowser(this))
    , m_status(new QLabel(this))
{
    setAccessibleName(what);
    m_proxy->setSourceModel(m_model);
    m_filter->setObjectName(QStringLiteral("filter"));
    m_refresh->setObjectName(QStringLiteral("refresh"));
    m_export->setObjectName(QStringLiteral("exportCsv"));
    m_error->setObjectName(QStringLiteral("problem"));
    m_table->setObjectName(QStringLiteral("table"));
    m_details->setObjectName(QStringLiteral("details"));
    m_status->setObjectName(QStringLiteral("status"));

    TableViews::setUpFilterField(m_filter, this, tr("Filter %1").arg(what), m_table);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &AdminFilterModel::setTextFilter);

    m_refresh->setAccessibleName(tr("Refresh %1").arg(what));
    m_export->setAccessibleName(tr("Export %1 as CSV").arg(what));
    m_export->setToolTip(tr("Save the rows shown (after filtering) as a CSV file"));
    connect(m_refresh, &QPushButton::clicked, this, &AdminListTab::refreshRequested);
    connect(m_export, &QPushButton::clicked, this,
            [this] { TableExport::exportWithDialog(*m_proxy, m_exportName, this); });

    // The error sits above the table, which keeps the last list the server gave.
    m_error->setAccessibleName(tr("Problem with %1").arg(what));
    m_error->setWordWrap(true);
    m_error->setTextFormat(Qt::PlainText);
    // Palette roles, not fixed colours, so the notice reads as well with a dark palette.
    m_error->setFrameShape(QFrame::StyledPanel);
    m_error->setMargin(6);
    m_error->setAutoFillBackground(true);
    m_error->setBackgroundRole(QPalette::ToolTipBase);
    m_error->setForegroundRole(QPalette::ToolTipText);
    m_error->hide();

    TableViews::setUpSortableTable(m_table, m_proxy, 0, Qt::AscendingOrder,
                                   QAbstractItemView::ExtendedSelection);
    m_table->setAccessibleName(what);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateDetails();
        emit selectionChanged();
    });

    m_details->setAccessibleName(tr("Details of the selected %1").arg(what));
    m_details->setOpenLinks(false);
    m_status->setAccessibleName(tr("Status of %1").arg(what));
    m_status->setTextFormat(Qt::PlainText);
    m_status->setWordWrap(true);

    m_toolbar->addWidget(m_filter, 1);
    m_toolbar->addWidget(m_refresh);
    m_toolbar->addWidget(m_export);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);

    m_layout->addLayout(m_toolbar);
    m_layout->addWidget(m_error);
    m_layout->addWidget(splitter, 1);
    m_layout->addWidget(m_status);
    updateDetails();
}

void AdminListTab::addRowAbove(QLayout *row)
{
    m_layout->insertLayout(0, row);
}

void AdminListTab::setRows(QList<AdminRow> rows)
{
    QStringList selected;
    for (const AdminRow &row : selectedRows())
        selected << row.key;
    m_model->setRows(std::move(rows));
    m_table->resizeColumnsToContents();
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const QModelIndex index = m_proxy->index(row, 0);
        if (selected.contains(index.data(AdminTableModel::KeyRole).toString()))
            m_table->selectionModel()->select(index, QItemSelectionModel::Select |
                                                         QItemSelectionModel::Rows);
    }
    m_export->setEnabled(m_model->rowCount() > 0);
    updateDetails();
}

void AdminListTab::setBusy(bool busy)
{
    m_refresh->setEnabled(!busy);
}

void AdminListTab::setError(const QString &text)
{
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

void AdminListTab::setStatus(const QString &text)
{
    m_status->setText(text);
}

void AdminListTab::showState(const AdminListState &state, const QString &errorText,
                             const QString &what)
{
    setLoaded(state.loaded);
    setBusy(state.loading);
    setError(errorText);
    if (state.loading)
        setStatus(tr("Loading from the server…"));
    else if (state.loaded)
        setStatus(tr("%1, loaded at %2").arg(what, state.loadedAtText()));
    else
        setStatus(QString());
}

bool AdminListTab::needsLoading(const AdminListState &state)
{
    // A list that failed waits for Refresh: trying again by itself would only repeat the error.
    return !state.loaded && !state.loading && !state.error.isError();
}

QList<AdminRow> AdminListTab::selectedRows() const
{
    QList<AdminRow> rows;
    const QModelIndexList indexes = m_table->selectionModel()->selectedRows();
    for (const QModelIndex &index : indexes)
        rows << m_model->rowAt(m_proxy->mapToSource(index).row());
    return rows;
}

void AdminListTab::updateDetails()
{
    const QList<AdminRow> rows = selectedRows();
    if (rows.size() == 1)
        m_details->setPlainText(rows.first().details);
    else if (rows.size() > 1)
        m_details->setPlainText(tr("%1 rows selected.").arg(rows.size()));
    else if (m_model->rowCount() == 0)
        m_details->setPlainText(m_loaded ? m_emptyText : tr("Nothing to show yet."));
    else
        m_details->setPlainText(tr("Select a row to see its details."));
}

} // namespace accessdesk
