using Microsoft.IdentityModel.Tokens;
using Payout.Api.Features.Auth;
using Payout.Api.Security;
using Payout.UnitTests.Security;

namespace Payout.UnitTests.Auth;

public sealed class TokenSigningKeysTests : IDisposable
{
    private readonly TempKeyFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void The_key_objects_are_built_once_per_ring()
    {
        var keys = new TokenSigningKeys(KeyStore.Load(folder.Path, generateMissing: true));

        Assert.Same(keys.Current, keys.Current);
        Assert.Same(keys.Current, Assert.Single(keys.Resolve("k1")));
        Assert.Same(keys.Current, Assert.Single(keys.Resolve(null)));
        Assert.Empty(keys.Resolve("k9"));
    }

    [Fact]
    public void A_rotation_signs_with_the_new_key_and_still_verifies_with_the_old_one()
    {
        var store = KeyStore.Load(folder.Path, generateMissing: true);
        var keys = new TokenSigningKeys(store);
        var old = keys.Current;

        store.AddKey(KeyPurpose.TokenSigning);

        Assert.Equal("k2", keys.Current.KeyId);
        Assert.Equal(store.TokenSigning.Current.RevealBytes().ToArray(), keys.Current.Key);
        Assert.Equal(old.Key, ((SymmetricSecurityKey)Assert.Single(keys.Resolve("k1"))).Key);
        Assert.Equal(2, keys.Resolve(null).Count());
    }
}
