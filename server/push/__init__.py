"""Web Push: VAPID keys, the payload catalogue, endpoint policy and the one sender."""
