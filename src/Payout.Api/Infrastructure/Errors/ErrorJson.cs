using System.Text.Encodings.Web;
using System.Text.Json;

namespace Payout.Api.Infrastructure.Errors;

internal static class ErrorJson
{
    /// <summary>
    /// Error bodies keep <c>field: null</c> (Vault's clients read it), unlike the rest of the API; amounts (<c>data</c>'s
    /// figures) and instants as everywhere.
    /// </summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new Http.ExactDecimalConverter(), new Http.UtcInstantConverter() },
    };
}
