using System.Globalization;

namespace Payout.LoadTest.Seeding;

/// <summary>
/// <c>seed --provider Postgres|Sqlite --connection CS --keys DIR --merchant GUID [--customers 100000]
/// [--payouts 1000000] [--password P]</c>. The keys are the installation's (Keys:Directory): cards are encrypted
/// and fingerprinted with them, so the service can read what the seeder wrote.
/// </summary>
internal sealed record SeedOptions(
    string Provider, string ConnectionString, string KeysDirectory, Guid MerchantId, int Customers, int Payouts, string Password)
{
    public static SeedOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Count)
            {
                throw new LoadTestException($"seed: expected '--name value', got '{args[i]}'");
            }

            values[args[i][2..]] = args[i + 1];
        }

        string Required(string name) => values.GetValueOrDefault(name) ?? throw new LoadTestException($"seed: --{name} is required");
        int Number(string name, int fallback) =>
            values.TryGetValue(name, out var text) ? int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture) : fallback;

        var provider = Required("provider").ToUpperInvariant() switch
        {
            "POSTGRES" or "POSTGRESQL" => "Postgres",
            "SQLITE" => "Sqlite",
            var other => throw new LoadTestException($"seed: unknown provider '{other}' (Postgres or Sqlite)"),
        };
        return new SeedOptions(
            provider, Required("connection"), Required("keys"),
            Guid.Parse(values.GetValueOrDefault("merchant") ?? LoadSetup.MerchantId.ToString()),
            Number("customers", 100_000), Number("payouts", 1_000_000), values.GetValueOrDefault("password") ?? LoadSetup.Password);
    }
}
