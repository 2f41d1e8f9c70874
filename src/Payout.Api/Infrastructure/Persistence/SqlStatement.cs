namespace Payout.Api.Infrastructure.Persistence;

/// <summary>
/// One statement for a <see cref="SqlBatch"/>: SQL with <c>{0}</c>, <c>{1}</c>, … placeholders (as for
/// <c>ExecuteSqlRaw</c>) and their values as the model holds them (decimals and instants are converted for the provider).
/// </summary>
/// <param name="ExpectedRows">When set, a different number of rows written is an error (the batch throws).</param>
/// <param name="Returns">The statement ends in <c>RETURNING</c> one bigint column; the batch answers the values.</param>
public sealed record SqlStatement(string Sql, IReadOnlyList<object?> Arguments, int? ExpectedRows = null, bool Returns = false);
