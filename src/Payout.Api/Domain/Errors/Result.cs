using System.Diagnostics.CodeAnalysis;

namespace Payout.Api.Domain.Errors;

/// <summary>
/// The outcome of an operation that can fail in an expected way: a <see cref="Value"/> or a <see cref="Failure"/>,
/// never both. Return either directly (both convert implicitly); read it with <see cref="IsSuccess"/>, after which
/// the compiler knows which member is set.
/// </summary>
public sealed class Result<T>
{
    private Result(T? value, Failure? failure)
    {
        Value = value;
        Failure = failure;
    }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsSuccess => Failure is null;

    public T? Value { get; }

    public Failure? Failure { get; }

    public static implicit operator Result<T>(T value) =>
        new(value ?? throw new ArgumentNullException(nameof(value), "A successful result carries a value."), null);

    public static implicit operator Result<T>(Failure failure) =>
        new(default, failure ?? throw new ArgumentNullException(nameof(failure)));

    public TOut Match<TOut>(Func<T, TOut> success, Func<Failure, TOut> failure) =>
        IsSuccess ? success(Value) : failure(Failure);

    public override string ToString() => IsSuccess ? $"Success: {Value}" : $"Failure: {Failure}";
}
