"""Assessment: the QĐ 1147 rules (`rules`), the essay of commune-centre courses (`essays`), exams of LLCT
levels (`exams`), results, rewards and discipline (`results`)."""
