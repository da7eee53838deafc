#pragma once

#include "SimState.h"
#include "http/Router.h"

#include <QAbstractHttpServer>
#include <QPointer>
#include <QTcpSocket>

#include <memory>

namespace trackersim {

// The HTTP front of trackersim. It owns the raw socket of every request (rather than using
// QHttpServer's responder) so that faults can delay, truncate, stall or reset an answer.
class SimServer final : public QAbstractHttpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SimServer)

public:
    explicit SimServer(const SimConfig &config, QObject *parent = nullptr);
    ~SimServer() override;

    // Opens the store, seeds it when new, and listens on 127.0.0.1. Returns the port, 0 on error.
    quint16 start(QString *error);
    QString listeningUrl() const { return m_listeningUrl; }
    SimState &state() { return *m_state; }

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    SimResponse dispatch(const SimRequest &request);
    void answer(QPointer<QTcpSocket> socket, const SimRequest &request, SimResponse response,
                bool truncate);
    void registerRoutes();

    std::unique_ptr<SimState> m_state;
    Router m_router;
    QString m_listeningUrl;
    quint64 m_requestCounter = 0;
};

} // namespace trackersim
