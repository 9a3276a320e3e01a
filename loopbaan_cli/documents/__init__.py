"""What people keep: the agreement, card, invitation and calendar, rendered."""
