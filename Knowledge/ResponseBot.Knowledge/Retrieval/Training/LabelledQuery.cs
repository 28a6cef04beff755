namespace ResponseBot.Knowledge.Retrieval.Training;

/// <summary>A query and the entry that answers it; null when the base has no answer and the query must fall back.</summary>
public sealed record LabelledQuery(string Query, string? Expected);
