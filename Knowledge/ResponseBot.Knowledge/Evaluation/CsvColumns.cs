using CsvHelper;

namespace ResponseBot.Knowledge.Evaluation;

/// <summary>Reads named columns of a public CSV file (UTF-8, with or without a byte order mark).</summary>
internal static class CsvColumns
{
    /// <summary>The values of <paramref name="columns"/> in every record, with the line each record starts on.</summary>
    /// <exception cref="EvalInputException">The file is missing or its header lacks one of the columns.</exception>
    public static List<(long Line, string[] Values)> Read(string path, params string[] columns)
    {
        if (!File.Exists(path))
        {
            throw new EvalInputException($"{path}: no such file");
        }

        using var csv = CsvReader.Create(File.OpenRead(path), new CsvReaderOptions { TrackLineNumbers = true }, leaveOpen: false);
        var indexes = new int[columns.Length];
        for (var i = 0; i < columns.Length; i++)
        {
            if (!csv.TryGetFieldIndex(columns[i], out indexes[i]))
            {
                throw new EvalInputException(
                    $"{Path.GetFileName(path)}: expected a header with the columns {string.Join(",", columns)}");
            }
        }

        var rows = new List<(long, string[])>();
        while (csv.Read())
        {
            rows.Add((csv.LineNumber, indexes.Select(index => csv.GetString(index).Trim()).ToArray()));
        }

        return rows;
    }
}
