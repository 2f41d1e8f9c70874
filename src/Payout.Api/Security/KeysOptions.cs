namespace Payout.Api.Security;

public sealed class KeysOptions
{
    public const string Section = "Keys";

    /// <summary>Folder of the key files; relative paths are taken from the content root.</summary>
    public string Directory { get; set; } = "data/keys";

    /// <summary>Create missing keys at start. Always on for the embedded default (SQLite).</summary>
    public bool GenerateMissing { get; set; }

    /// <summary>
    /// Loads the keys while the host is built, so a missing key stops the start with its clear message
    /// instead of failing the first request that needs it.
    /// </summary>
    public static KeyStore LoadFrom(IConfiguration configuration, string contentRoot, bool embeddedDefault)
    {
        var options = configuration.GetSection(Section).Get<KeysOptions>() ?? new KeysOptions();
        var folder = Path.IsPathRooted(options.Directory) ? options.Directory : Path.Combine(contentRoot, options.Directory);
        return KeyStore.Load(folder, options.GenerateMissing || embeddedDefault);
    }
}
