namespace ResponseBot.Knowledge.Text;

/// <summary>
/// One text as the retrieval engine sees it: the normalised string, its content words (jieba, stop words removed,
/// synonyms folded to their canonical form), the same words before folding, and character bigrams for typos and
/// words no dictionary knows.
/// </summary>
public sealed record AnalyzedText(string Normalized, string[] Words, string[] RawWords, string[] Bigrams)
{
    /// <summary>Letters and digits in the normalised text, spaces not counted.</summary>
    public int Length { get; } = Normalized.Count(c => c != ' ');
}
