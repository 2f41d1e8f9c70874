namespace Payout.Api.Security;

/// <summary>The key folder is unusable (unreadable or malformed key file). Messages name files, never key bytes.</summary>
public class KeyStoreException : Exception
{
    public KeyStoreException(string message)
        : base(message)
    {
    }

    public KeyStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
