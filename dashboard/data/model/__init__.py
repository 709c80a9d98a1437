"""What the data is and where it lives: the data contract, the sectors, onderwijsregio membership, the
boundaries, the paths and the data layer's refusals. The bottom room: it imports no other room."""
