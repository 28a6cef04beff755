using Microsoft.Data.Sqlite;

namespace ResponseBot.Integration.Tests;

/// <summary>
/// A SQLite file in a folder of its own for one test, and the stores opened on it. <see cref="Delete"/> closes the stores,
/// drops the pooled connections and removes the folder.
/// </summary>
/// <param name="prefix">The folder's name prefix, to tell the suites' leftovers apart.</param>
internal sealed class TemporarySqliteFile(string prefix)
{
    private readonly List<IDisposable> _opened = [];

    /// <summary>The test's folder.</summary>
    public string Folder { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

    /// <summary>The file the stores open: <c>responsebot.db</c> in <see cref="Folder"/> unless a test points elsewhere in it.</summary>
    public string Path { get; set; } = null!;

    /// <summary>Keeps <paramref name="store"/> to close it at the end, and returns it.</summary>
    public T Track<T>(T store)
        where T : IDisposable
    {
        _opened.Add(store);
        return store;
    }

    /// <summary>Closes the stores and removes the folder with everything in it.</summary>
    public void Delete()
    {
        foreach (var store in _opened)
        {
            store.Dispose();
        }

        _opened.Clear();
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }

    /// <summary>A new temporary file, <c>responsebot.db</c> in a new folder.</summary>
    public static TemporarySqliteFile Create(string prefix)
    {
        var file = new TemporarySqliteFile(prefix);
        file.Path = System.IO.Path.Combine(file.Folder, "responsebot.db");
        return file;
    }
}
