FROM python:3.11-slim
WORKDIR /srv/engagements
COPY pyproject.toml README.md alembic.ini ./
COPY app ./app
COPY migrations ./migrations
COPY seeds ./seeds
RUN pip install --no-cache-dir .
ENV ENGAGEMENTS_HOST=0.0.0.0
EXPOSE 8000
CMD ["sh", "-c", "engagements db upgrade && engagements seed && engagements serve"]
