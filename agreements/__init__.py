"""The partnership: agreement, the nämnd's decision, follow-up during the term, evaluation."""
