"""Notifications: Slack alerts, the daily digest e-mail, and delivery of the outbox."""
