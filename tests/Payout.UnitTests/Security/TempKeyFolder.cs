namespace Payout.UnitTests.Security;

/// <summary>A fresh key folder under the temp directory, removed after the test.</summary>
internal sealed class TempKeyFolder : IDisposable
{
    public TempKeyFolder() =>
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "payout-keys-" + Guid.NewGuid().ToString("N"));

    public string Path { get; }

    public string KeyFile(string purpose, string keyId) => System.IO.Path.Combine(Path, purpose, keyId + ".key");

    public void Write(string purpose, string fileName, string content)
    {
        Directory.CreateDirectory(System.IO.Path.Combine(Path, purpose));
        File.WriteAllText(System.IO.Path.Combine(Path, purpose, fileName), content);
    }

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
