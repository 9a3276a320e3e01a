"""What can be asked: question banks and catalogues, their checks, the question plan."""
