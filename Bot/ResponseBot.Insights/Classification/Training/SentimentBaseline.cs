using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Text;
using ResponseBot.Knowledge.Text;

namespace ResponseBot.Insights.Classification.Training;

/// <summary>
/// The classical sentiment baseline, for comparison only: TF-IDF over jieba words (1–2-grams) and characters
/// (1–3-grams), L2-normalised, with a linear SVM per class (ML.NET LinearSvm, one versus all).
/// </summary>
public static class SentimentBaseline
{
    /// <summary>Trains the baseline on <paramref name="train"/> and returns a predictor of one label per text.</summary>
    public static Func<string, string> Train(IReadOnlyList<LabelledText> train, ChineseAnalyzer analyzer, IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(analyzer);
        ArgumentNullException.ThrowIfNull(labels);
        var ml = new MLContext(seed: InsightTrainer.Seed);
        var index = labels.Select((l, i) => (l, i)).ToDictionary(p => p.l, p => (uint)p.i, StringComparer.Ordinal);
        var rows = train.Select(t => Row(t.Text, analyzer, index[t.Label])).ToList();
        var schema = SchemaDefinition.Create(typeof(BaselineRow));
        schema[nameof(BaselineRow.Label)].ColumnType = new KeyDataViewType(typeof(uint), labels.Count);
        var data = ml.Data.LoadFromEnumerable(rows, schema);
        var pipeline = ml.Transforms.Text.TokenizeIntoWords("WordTokens", nameof(BaselineRow.Words), [' '])
            .Append(ml.Transforms.Conversion.MapValueToKey("WordKeys", "WordTokens"))
            .Append(ml.Transforms.Text.ProduceNgrams("WordGrams", "WordKeys", ngramLength: 2, useAllLengths: true, weighting: NgramExtractingEstimator.WeightingCriteria.TfIdf))
            .Append(ml.Transforms.Text.TokenizeIntoCharactersAsKeys("CharKeys", nameof(BaselineRow.Chars), useMarkerCharacters: false))
            .Append(ml.Transforms.Text.ProduceNgrams("CharGrams", "CharKeys", ngramLength: 3, useAllLengths: true, weighting: NgramExtractingEstimator.WeightingCriteria.TfIdf))
            .Append(ml.Transforms.Concatenate("Features", "WordGrams", "CharGrams"))
            .Append(ml.Transforms.NormalizeLpNorm("Features"))
            .Append(ml.MulticlassClassification.Trainers.OneVersusAll(
                ml.BinaryClassification.Trainers.LinearSvm(labelColumnName: nameof(BaselineRow.Label)),
                labelColumnName: nameof(BaselineRow.Label)));
        var model = pipeline.Fit(data);
        var engine = ml.Model.CreatePredictionEngine<BaselineRow, BaselineOutput>(model, inputSchemaDefinition: schema);
        return text =>
        {
            var output = engine.Predict(Row(text, analyzer, 0));
            // Keys come back raw (1-based; 0 is "missing"), though LoadFromEnumerable took them 0-based.
            return output.PredictedLabel is >= 1 && output.PredictedLabel <= labels.Count ? labels[(int)output.PredictedLabel - 1] : labels[0];
        };
    }

    private static BaselineRow Row(string text, ChineseAnalyzer analyzer, uint label)
    {
        var analysed = analyzer.Analyze(text, withBigrams: false);
        return new BaselineRow { Words = string.Join(' ', analysed.RawWords), Chars = analysed.Normalized.Replace(" ", "", StringComparison.Ordinal), Label = label };
    }

    private sealed class BaselineRow
    {
        public string Words { get; set; } = "";

        public string Chars { get; set; } = "";

        public uint Label { get; set; }
    }

    private sealed class BaselineOutput
    {
        public uint PredictedLabel { get; set; }
    }
}
