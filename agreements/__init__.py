"""The partnership itself: agreement, the nämnd's decision, follow-up during the term, evaluation."""
