using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpeakerHub.Cloud.Api.Admin;

namespace SpeakerHub.Cloud.Api.Fleet;

/// <summary>
/// The bearer key of <c>/api/fleet</c> (firmware images, signing keys, rollouts): <c>Api:OperatorKey</c>
/// when configured, otherwise the contents of <c>Api:OperatorKeyFile</c>, generated there (mode 600) at
/// first start. A role of its own: the admin key does not open the fleet API, nor this key the admin API.
/// </summary>
public sealed class OperatorKey(IOptions<ApiOptions> options, ILogger<OperatorKey> logger)
    : StoredApiKey("fleet operator", options.Value.OperatorKey, "Api:OperatorKey", options.Value.OperatorKeyFile, logger);
