using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SpeakerHub.Cloud.Api.Admin;

/// <summary>
/// The bearer key of <c>/api/admin</c>: <c>Api:AdminKey</c> when configured, otherwise the contents of
/// <c>Api:AdminKeyFile</c>, generated there (owner-only, mode 600) at first start and reused after.
/// </summary>
public sealed class AdminKey(IOptions<ApiOptions> options, ILogger<AdminKey> logger)
    : StoredApiKey("admin", options.Value.AdminKey, "Api:AdminKey", options.Value.AdminKeyFile, logger);
