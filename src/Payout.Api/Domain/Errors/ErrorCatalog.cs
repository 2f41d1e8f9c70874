using System.Collections.Frozen;
using System.Reflection;

namespace Payout.Api.Domain.Errors;

/// <summary>Looks up the rows of <see cref="ErrorCode"/>: status, errorId, default message, never-started.</summary>
public static class ErrorCatalog
{
    private static readonly FrozenDictionary<ErrorCode, ErrorInfoAttribute> Rows = Enum.GetValues<ErrorCode>().ToFrozenDictionary(
        code => code,
        code => typeof(ErrorCode).GetField(code.ToString())!.GetCustomAttribute<ErrorInfoAttribute>()
            ?? throw new InvalidOperationException($"Error code {code} has no [ErrorInfo] row."));

    public static IEnumerable<ErrorCode> All => Rows.Keys;

    public static int StatusOf(ErrorCode code) => Rows[code].Status;

    public static int ErrorIdOf(ErrorCode code) => Rows[code].ErrorId;

    public static string DefaultMessageOf(ErrorCode code) => Rows[code].Message;

    public static string? DefaultFieldOf(ErrorCode code) => Rows[code].Field;

    /// <inheritdoc cref="ErrorInfoAttribute.NeverStarted"/>
    public static bool NeverStarted(ErrorCode code) => Rows[code].NeverStarted;
}
