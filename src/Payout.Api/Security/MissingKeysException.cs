namespace Payout.Api.Security;

/// <summary>
/// Some purposes have no key and generating them was not allowed. Stops the start (spec §11): with several
/// processes on one database, a process that invented its own keys could not read the others' data.
/// </summary>
public sealed class MissingKeysException : KeyStoreException
{
    public MissingKeysException(string folder, IReadOnlyList<KeyPurpose> missing)
        : base(Describe(folder, missing))
    {
        Folder = folder;
        Missing = missing;
    }

    public string Folder { get; }

    public IReadOnlyList<KeyPurpose> Missing { get; }

    private static string Describe(string folder, IReadOnlyList<KeyPurpose> missing) =>
        $"No keys for {string.Join(", ", missing.Select(p => p.FolderName()))} in the key folder '{folder}'. "
        + "Point Keys:Directory (Keys__Directory) at the folder that all PayOut processes share, or, for a new "
        + "installation, set Keys:GenerateMissing=true (Keys__GenerateMissing=true) for its first start to create them.";
}
