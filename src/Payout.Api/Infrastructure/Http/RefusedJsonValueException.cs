using System.Text.Json;

namespace Payout.Api.Infrastructure.Http;

/// <summary>
/// A JSON value of the right type that our rules refuse (a number no decimal holds exactly). The serializer adds the
/// member's path; the error handling names the field and says <see cref="Rule"/>, a fixed text that never quotes input.
/// </summary>
public sealed class RefusedJsonValueException(string rule) : JsonException(rule)
{
    public string Rule { get; } = rule;
}
