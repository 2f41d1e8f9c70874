namespace Payout.Soak;

public static class RepositoryRoot
{
    /// <summary>The folder above <paramref name="start"/> that holds Payout.sln.</summary>
    public static string Find(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Payout.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Payout.sln not found above " + start);
    }
}
