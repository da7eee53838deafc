#pragma once

#include "SimState.h"
#include "http/Router.h"

#include <QAbstractHttpServer>
#include <QPointer>
#include <QTcpSocket>

#include <memory>

namespace trackersim {

class RemoteClient;

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
    // Runs the pipeline and the route's handler; done gets the answer, at once or later.
    void dispatch(const SimRequest &request, Responder done);
    void answer(QPointer<QTcpSocket> socket, const SimRequest &request, SimResponse response,
                bool truncate);
    void registerRoutes();
    // Takes the configured context path off the request's path; false when the path lies
    // outside it.
    bool stripContextPath(SimRequest *request) const;
    void finish(const RequestContext &context, QList<QPair<QByteArray, QByteArray>> extra,
                SimResponse response, const Responder &done);

    std::unique_ptr<SimState> m_state;
    std::unique_ptr<RemoteClient> m_remote;
    Router m_router;
    QString m_listeningUrl;
    quint64 m_requestCounter = 0;
};

} // namespace trackersim
