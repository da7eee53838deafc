#pragma once

#include "Decoded.h"
#include "api/ApiJob.h"

namespace accessdesk {

// An ApiJob whose successful answer is decoded by one of models/' decoders into a T. A body the
// decoder refuses (HTML where JSON belongs, wrong types, truncation) is a MalformedResponse.
template<class T> class DecodingJob : public ApiJob
{
public:
    const T &result() const { return m_result; }

protected:
    explicit DecodingJob(ServerConnection *connection, QObject *parent = nullptr)
        : ApiJob(connection, parent)
    {}
    virtual Decoded<T> decodeBody(const RawReply &reply) const = 0;

    ApiError decode(const RawReply &reply) final
    {
        Decoded<T> decoded = decodeBody(reply);
        if (!decoded)
            return ApiError(ApiError::Kind::MalformedResponse, reply.status, decoded.error);
        m_result = std::move(*decoded.value);
        return {};
    }

private:
    T m_result{};
};

// An ApiJob whose success carries no payload worth reading (deletes, revokes).
class StatusOnlyJob : public ApiJob
{
protected:
    using ApiJob::ApiJob;
    ApiError decode(const RawReply &) final { return {}; }
};

} // namespace accessdesk
