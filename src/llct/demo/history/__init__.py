"""The demo province's past, from the district centres of 2019 to the commune centres of today: classes,
learners, results, documents, plans and nominations, written in bulk (`load.demo_history_load`)."""
