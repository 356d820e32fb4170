import smtplib


class Mailer:
	def __init__(self):
		self.smtp_password = 'TeKdNnFRIBXuDL7DxtpYlSXpfKtHF4vV'

	def send(self, to, body):
		with smtplib.SMTP('mail.internal') as s:
			s.login('mailer', self.smtp_password)
			s.sendmail('noreply@example.com', [to], body)
