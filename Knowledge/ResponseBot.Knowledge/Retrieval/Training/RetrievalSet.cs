using ResponseBot.Knowledge.Entries;

namespace ResponseBot.Knowledge.Retrieval.Training;

/// <summary>A knowledge base with labelled queries, for training or measuring retrieval.</summary>
public sealed record RetrievalSet(string Name, IReadOnlyList<KnowledgeEntry> Entries, IReadOnlyList<LabelledQuery> Queries);
