"""Amounts of money as Japanese public documents write them."""


def man_oku(amount):
    """123,456,789 → 1億2,345万6,789: 兆・億・万 in kanji, each group with its commas, as
    公用文作成の考え方 writes large numbers (「1億2,000万円」) and the document prints
    its amounts (「3,000万円」)."""
    sign, amount = ("-", -amount) if amount < 0 else ("", amount)
    parts = []
    for unit, size in (("兆", 10**12), ("億", 10**8), ("万", 10**4)):
        count, amount = divmod(amount, size)
        if count:
            parts.append(f"{count:,}{unit}")
    if amount or not parts:
        parts.append(f"{amount:,}")
    return sign + "".join(parts)


def yen_text(amount, *, english=False):
    """3,000万円 (Japanese) or ¥30,000,000 (English) for an integer amount of yen."""
    amount = int(amount)
    return f"¥{amount:,}" if english else f"{man_oku(amount)}円"
