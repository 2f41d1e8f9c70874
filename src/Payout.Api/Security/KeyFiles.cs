using System.Security.Cryptography;
using System.Text;

namespace Payout.Api.Security;

/// <summary>
/// Reads and writes key files: <c>{folder}/{purpose}/{keyId}.key</c>, each the base64 of 32 random bytes (for
/// receipt signing, of a P-256 private scalar).
/// Files are created with <see cref="FileMode.CreateNew"/>, so two processes generating the same id at once
/// cannot overwrite each other: one wins and the other reads the winner's key.
/// </summary>
internal static class KeyFiles
{
    private const string Extension = ".key";
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = OwnerReadWrite | UnixFileMode.UserExecute;

    // A key file that another process has just created is locked or empty for a moment: retry for up to a second.
    private const int ReadAttempts = 20;
    private static readonly TimeSpan ReadRetryDelay = TimeSpan.FromMilliseconds(50);

    public static string PurposeFolder(string folder, KeyPurpose purpose) => Path.Combine(folder, purpose.FolderName());

    public static List<KeyMaterial> ReadAll(string folder, KeyPurpose purpose)
    {
        var purposeFolder = PurposeFolder(folder, purpose);
        if (!Directory.Exists(purposeFolder))
        {
            return [];
        }

        return [.. Directory.EnumerateFiles(purposeFolder, "*" + Extension).Select(path => Read(path, purpose))];
    }

    /// <summary>Creates key number <paramref name="number"/>; null when that id already exists (another process won).</summary>
    public static KeyMaterial? TryCreate(string folder, KeyPurpose purpose, int number)
    {
        var purposeFolder = PurposeFolder(folder, purpose);
        CreateFolder(folder);
        CreateFolder(purposeFolder);
        var path = Path.Combine(purposeFolder, KeyMaterial.FormatId(number) + Extension);
        var bytes = NewKeyBytes(purpose);
        try
        {
            using var stream = new FileStream(path, CreateNewOptions());
            stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(bytes) + "\n"));
            stream.Flush(flushToDisk: true);
        }
        catch (IOException) when (File.Exists(path))
        {
            return null;
        }

        return new KeyMaterial(purpose, number, bytes);
    }

    /// <summary>
    /// 32 random bytes; for a receipt-signing key, a P-256 private scalar, which must also lie below the curve's order,
    /// so the platform's key generator makes it.
    /// </summary>
    private static byte[] NewKeyBytes(KeyPurpose purpose)
    {
        if (purpose != KeyPurpose.ReceiptSigning)
        {
            return RandomNumberGenerator.GetBytes(KeyMaterial.Size);
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return key.ExportParameters(includePrivateParameters: true).D!;
    }

    private static KeyMaterial Read(string path, KeyPurpose purpose)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        if (!KeyMaterial.TryParseId(name, out var number))
        {
            throw new KeyStoreException($"Key file '{path}' is not named k1.key, k2.key, …: rename or remove it.");
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var text = File.ReadAllText(path, Encoding.ASCII);
                if (TryDecode(text, out var bytes))
                {
                    return new KeyMaterial(purpose, number, bytes);
                }

                // Empty may mean "just created, not yet written"; anything else is simply wrong.
                if (text.Length > 0 || attempt == ReadAttempts)
                {
                    // The content is deliberately not quoted: it may be a key.
                    throw new KeyStoreException($"Key file '{path}' does not hold the base64 of {KeyMaterial.Size} bytes.");
                }
            }
            catch (IOException exception)
            {
                // Most likely another process is still writing it (the writer holds it exclusively).
                if (attempt == ReadAttempts)
                {
                    throw new KeyStoreException($"Key file '{path}' cannot be read.", exception);
                }
            }

            Thread.Sleep(ReadRetryDelay);
        }
    }

    private static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = new byte[KeyMaterial.Size];
        return Convert.TryFromBase64String(text.Trim(), bytes, out var written) && written == KeyMaterial.Size;
    }

    // The mode is set when the file is created (not afterwards with File.SetUnixFileMode), so there is no moment
    // in which another user could open it. The umask can only remove bits, never add them.
    private static FileStreamOptions CreateNewOptions()
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerReadWrite;
        }

        return options;
    }

    private static void CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, OwnerOnlyFolder);
        }
    }
}
