using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Payout.IntegrationTests.Security;

/// <summary>Takes a real access token apart and puts it together changed: another header, claim or signature.</summary>
public static class Jwt
{
    /// <param name="signature">The new signature; null keeps the old one, "" drops it (an unsigned token).</param>
    public static string WithHeader(string token, JsonObject header, string? signature)
    {
        var parts = token.Split('.');
        return $"{Encode(header.ToJsonString())}.{parts[1]}.{signature ?? parts[2]}";
    }

    /// <summary>The payload changed, the original signature kept: a tampered token.</summary>
    public static string WithClaim(string token, string claim, JsonNode value)
    {
        var parts = token.Split('.');
        var payload = JsonNode.Parse(Decode(parts[1]))!.AsObject();
        payload[claim] = value;
        return $"{parts[0]}.{Encode(payload.ToJsonString())}.{parts[2]}";
    }

    /// <summary>The same header and payload, signed with another key (HS256, as ours are).</summary>
    public static string Resign(string token, byte[] key)
    {
        var parts = token.Split('.');
        var signature = HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
        return $"{parts[0]}.{parts[1]}.{Base64Url(signature)}";
    }

    private static string Encode(string json) => Base64Url(Encoding.UTF8.GetBytes(json));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Decode(string part)
    {
        var base64 = part.Replace('-', '+').Replace('_', '/');
        return Encoding.UTF8.GetString(Convert.FromBase64String(base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=')));
    }
}
