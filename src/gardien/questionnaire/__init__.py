"""What the computer cannot tell: declarative questions, answered oui / non / je ne sais pas."""
