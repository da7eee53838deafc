#pragma once

#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;

namespace accessdesk {

class ConsumersController;
struct AdminOutcome;
struct OAuthConsumer;

// "Fill in from the remote" on the approve-consumer form: the remote application's address (the
// link's, unless the admin typed another) and "Fetch from the remote", which reads the consumer
// the application publishes (/plugins/servlet/oauth/consumer-info) and hands it to the form. What
// came of it — the consumer found, a web page instead, no answer — is said below the address.
class RemoteConsumerFetch final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RemoteConsumerFetch)

public:
    explicit RemoteConsumerFetch(ConsumersController *consumers, QWidget *parent = nullptr);

    // The link's address, put in the field unless the admin typed one of their own.
    void offerAddress(const QString &url);
    void setEditable(bool editable);

    QLineEdit *addressEdit() const { return m_address; }
    // What is wrong with the address itself (not a web address); empty when nothing.
    QString addressError() const;

signals:
    // What the remote published: key, name, description, callback, public key.
    void fetched(const accessdesk::OAuthConsumer &filled);

private:
    void fetch();
    void onFetched(const AdminOutcome &outcome, const OAuthConsumer &filled);
    void updateButton();

    ConsumersController *m_consumers;
    QString m_offered; // what offerAddress() put in the field
    bool m_fetching = false;
    bool m_editable = true;
    QLineEdit *m_address;
    QPushButton *m_fetch;
    QLabel *m_addressError;
    QLabel *m_note;
};

} // namespace accessdesk
