using ResponseBot.Knowledge.Entries;
using ResponseBot.Knowledge.Evaluation;

namespace ResponseBot.Knowledge.Retrieval.Training;

/// <summary>A knowledge base with labelled queries, for training or measuring retrieval.</summary>
public sealed record RetrievalSet(string Name, IReadOnlyList<KnowledgeEntry> Entries, IReadOnlyList<EvalQuery> Queries);
