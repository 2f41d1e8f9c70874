using System.Security.Cryptography;
using Payout.Api.Security;

namespace Payout.UnitTests.Security;

public sealed class KeyStoreTests : IDisposable
{
    private static readonly string[] PurposeFolders = ["token-signing", "card-encryption", "card-fingerprint", "receipt-signing", "audit-chain"];

    private readonly TempKeyFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void A_new_installation_gets_k1_for_every_purpose()
    {
        var store = KeyStore.Load(folder.Path, generateMissing: true);

        foreach (var purpose in KeyPurposes.All)
        {
            var ring = store.Ring(purpose);
            Assert.Equal("k1", ring.Current.Id);
            Assert.Single(ring.All);
            var fileBytes = Convert.FromBase64String(File.ReadAllText(folder.KeyFile(purpose.FolderName(), "k1")));
            Assert.Equal(32, fileBytes.Length);
            Assert.Equal(fileBytes, ring.Current.RevealBytes().ToArray());
        }

        Assert.Equal(PurposeFolders, KeyPurposes.All.Select(p => p.FolderName()));
        Assert.Equal(5, KeyPurposes.All.Select(p => Convert.ToBase64String(store.Ring(p).Current.RevealBytes())).Distinct().Count());
    }

    [Fact]
    public void Loading_again_reads_the_same_keys()
    {
        var first = KeyStore.Load(folder.Path, generateMissing: true);
        var second = KeyStore.Load(folder.Path, generateMissing: false);

        foreach (var purpose in KeyPurposes.All)
        {
            Assert.Equal(first.Ring(purpose).Current.RevealBytes().ToArray(), second.Ring(purpose).Current.RevealBytes().ToArray());
        }
    }

    [Fact]
    public void Missing_keys_stop_the_start_with_a_message_that_says_what_to_do()
    {
        var exception = Assert.Throws<MissingKeysException>(() => KeyStore.Load(folder.Path, generateMissing: false));

        Assert.Contains(folder.Path, exception.Message, StringComparison.Ordinal);
        Assert.All(PurposeFolders, name => Assert.Contains(name, exception.Message, StringComparison.Ordinal));
        Assert.Contains("Keys:GenerateMissing=true", exception.Message, StringComparison.Ordinal);
        Assert.Equal(KeyPurposes.All, exception.Missing);
        Assert.False(Directory.Exists(folder.Path));
    }

    [Fact]
    public void Only_the_purposes_without_keys_are_named()
    {
        KeyStore.Load(folder.Path, generateMissing: true);
        Directory.Delete(Path.Combine(folder.Path, "card-fingerprint"), recursive: true);

        var exception = Assert.Throws<MissingKeysException>(() => KeyStore.Load(folder.Path, generateMissing: false));

        Assert.Equal([KeyPurpose.CardFingerprint], exception.Missing);
        Assert.Contains("card-fingerprint", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("card-encryption", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generating_fills_in_only_the_missing_purposes()
    {
        var original = KeyStore.Load(folder.Path, generateMissing: true);
        Directory.Delete(Path.Combine(folder.Path, "token-signing"), recursive: true);

        var reloaded = KeyStore.Load(folder.Path, generateMissing: true);

        Assert.Equal(original.CardEncryption.Current.RevealBytes().ToArray(), reloaded.CardEncryption.Current.RevealBytes().ToArray());
        Assert.NotEqual(original.TokenSigning.Current.RevealBytes().ToArray(), reloaded.TokenSigning.Current.RevealBytes().ToArray());
    }

    [Fact]
    public void Key_files_are_readable_by_the_owner_only()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var store = KeyStore.Load(folder.Path, generateMissing: true);
        store.AddKey(KeyPurpose.CardEncryption);

        foreach (var file in Directory.EnumerateFiles(folder.Path, "*.key", SearchOption.AllDirectories))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }

        foreach (var folder in Directory.EnumerateDirectories(folder.Path).Append(folder.Path))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
        }
    }

    [Fact]
    public void The_current_key_is_the_one_with_the_highest_number_not_the_last_in_text_order()
    {
        KeyStore.Load(folder.Path, generateMissing: true);
        foreach (var id in new[] { "k2", "k10", "k9" })
        {
            folder.Write("card-encryption", id + ".key", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        }

        var ring = KeyStore.Load(folder.Path, generateMissing: false).CardEncryption;

        Assert.Equal("k10", ring.Current.Id);
        Assert.Equal(["k1", "k2", "k9", "k10"], ring.All.Select(k => k.Id));
    }

    [Fact]
    public void Adding_a_key_makes_the_next_id_current_and_keeps_the_old_ones()
    {
        var store = KeyStore.Load(folder.Path, generateMissing: true);
        var k1 = store.CardEncryption.Current;

        var k2 = store.AddKey(KeyPurpose.CardEncryption);

        Assert.Equal("k2", k2.Id);
        Assert.Same(k2, store.CardEncryption.Current);
        Assert.Equal(k1.RevealBytes().ToArray(), store.CardEncryption.Get("k1").RevealBytes().ToArray());
        Assert.True(File.Exists(folder.KeyFile("card-encryption", "k2")));
        Assert.Equal("k2", KeyStore.Load(folder.Path, generateMissing: false).CardEncryption.Current.Id);
        Assert.Equal("k1", store.CardFingerprint.Current.Id);
    }

    [Fact]
    public void A_key_added_by_another_process_is_found_when_asked_for()
    {
        var mine = KeyStore.Load(folder.Path, generateMissing: true);
        var theirs = KeyStore.Load(folder.Path, generateMissing: false);

        var added = theirs.AddKey(KeyPurpose.CardEncryption);

        Assert.False(mine.CardEncryption.TryGet("k2", out _));
        Assert.Equal(added.RevealBytes().ToArray(), mine.GetKey(KeyPurpose.CardEncryption, "k2").RevealBytes().ToArray());
        Assert.Equal("k3", mine.AddKey(KeyPurpose.CardEncryption).Id);
    }

    [Theory]
    [InlineData("k7")]
    [InlineData("k0")]
    [InlineData("K1")]
    [InlineData("k01")]
    [InlineData("")]
    [InlineData("../k1")]
    public void Asking_for_an_unknown_key_id_is_a_specific_error(string keyId)
    {
        var store = KeyStore.Load(folder.Path, generateMissing: true);

        var exception = Assert.Throws<UnknownKeyException>(() => store.GetKey(KeyPurpose.CardEncryption, keyId));
        Assert.Equal(keyId, exception.KeyId);
        Assert.Throws<UnknownKeyException>(() => store.CardEncryption.Get(keyId));
    }

    [Theory]
    [InlineData("not base64 at all")]
    [InlineData("")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA==")] // 16 bytes
    public void A_malformed_key_file_stops_the_start_without_quoting_it(string content)
    {
        folder.Write("card-encryption", "k1.key", content);

        var exception = Assert.Throws<KeyStoreException>(() => KeyStore.Load(folder.Path, generateMissing: true));

        Assert.Contains(Path.Combine("card-encryption", "k1.key"), exception.Message, StringComparison.Ordinal);
        if (content.Length > 0)
        {
            Assert.DoesNotContain(content, exception.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("k01.key")]
    [InlineData("key1.key")]
    [InlineData("k0.key")]
    public void A_key_file_with_a_non_canonical_name_is_refused(string fileName)
    {
        folder.Write("card-encryption", fileName, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

        var exception = Assert.Throws<KeyStoreException>(() => KeyStore.Load(folder.Path, generateMissing: true));
        Assert.Contains(fileName, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Files_that_are_not_key_files_are_ignored()
    {
        folder.Write("card-encryption", "README.txt", "rotation notes");
        folder.Write("card-encryption", "k1.key.bak", "old");

        var store = KeyStore.Load(folder.Path, generateMissing: true);

        Assert.Equal(["k1"], store.CardEncryption.All.Select(k => k.Id));
    }

    [Fact]
    public void Key_bytes_never_appear_in_text()
    {
        var store = KeyStore.Load(folder.Path, generateMissing: true);
        var key = store.CardEncryption.Current;
        var base64 = Convert.ToBase64String(key.RevealBytes());
        var hex = Convert.ToHexString(key.RevealBytes());

        Assert.Equal("card-encryption/k1", key.ToString());
        foreach (var text in new[] { key.ToString(), store.CardEncryption.ToString(), store.ToString(), System.Text.Json.JsonSerializer.Serialize(key) })
        {
            Assert.DoesNotContain(base64, text, StringComparison.Ordinal);
            Assert.DoesNotContain(hex, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Processes_starting_at_once_on_a_new_folder_end_up_with_the_same_keys()
    {
        var stores = new KeyStore[8];
        Parallel.For(0, stores.Length, i => stores[i] = KeyStore.Load(folder.Path, generateMissing: true));

        foreach (var purpose in KeyPurposes.All)
        {
            var expected = stores[0].Ring(purpose).Current.RevealBytes().ToArray();
            Assert.All(stores, s => Assert.Equal(expected, s.Ring(purpose).Current.RevealBytes().ToArray()));
            Assert.Single(Directory.GetFiles(Path.Combine(folder.Path, purpose.FolderName())));
        }
    }

    [Fact]
    public void Concurrent_rotations_never_reuse_an_id()
    {
        var stores = Enumerable.Range(0, 4).Select(_ => KeyStore.Load(folder.Path, generateMissing: true)).ToArray();

        var added = new KeyMaterial[stores.Length * 3];
        Parallel.For(0, added.Length, i => added[i] = stores[i % stores.Length].AddKey(KeyPurpose.TokenSigning));

        Assert.Equal(added.Length, added.Select(k => k.Id).Distinct().Count());
        Assert.Equal(added.Length + 1, KeyStore.Load(folder.Path, generateMissing: false).TokenSigning.All.Count);
    }
}
